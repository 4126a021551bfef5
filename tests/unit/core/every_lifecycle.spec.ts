import { test } from '@japa/runner'
import { readFileSync, writeFileSync } from 'node:fs'
import { lifecycles } from '#core/lifecycle'

/**
 * Every state machine defined with defineLifecycle, against the reviewed
 * table in every_lifecycle.json (issue 9 #10): a transition added to or
 * removed from a machine (say `draft → approved` on the order) fails here
 * until the table is changed with it, in review. And each event is
 * refused from every status the table does not start it from.
 *
 * The machines register when their modules load (the app is booted for
 * the tests); every module of the manifest defines its machines at boot.
 * UPDATE_LIFECYCLE_TABLE=1 rewrites the table from the machines (then
 * read the diff).
 */
const tableFile = new URL('./every_lifecycle.json', import.meta.url)

type Table = Record<string, { states: string[]; events: Record<string, Array<[string, string]>> }>

function liveTable(): Table {
  const table: Table = {}
  for (const machine of [...lifecycles()].sort((a, b) => a.name.localeCompare(b.name))) {
    table[machine.name] = {
      states: [...machine.stateKeys],
      events: Object.fromEntries(
        machine.eventKeys.map((event: string) => [
          event,
          machine.events[event].transitions.map(([from, to]: readonly [string, string]) => [
            from,
            to,
          ]),
        ])
      ),
    }
  }
  return table
}

test.group('Every lifecycle', () => {
  test('every machine is the reviewed table (states, events, transitions)', ({ assert }) => {
    const live = liveTable()
    if (process.env.UPDATE_LIFECYCLE_TABLE === '1') {
      writeFileSync(tableFile, JSON.stringify(live, null, 2) + '\n')
    }
    const reviewed = JSON.parse(readFileSync(tableFile, 'utf8')) as Table
    assert.isAbove(Object.keys(live).length, 5)
    assert.deepEqual(live, reviewed)
  })

  test('each event × each status it does not start from is refused; the others are allowed', ({
    assert,
  }) => {
    const reviewed = JSON.parse(readFileSync(tableFile, 'utf8')) as Table
    for (const machine of lifecycles()) {
      const table = reviewed[machine.name]
      assert.exists(table, `${machine.name} is in the table`)
      for (const [event, transitions] of Object.entries(table.events)) {
        for (const state of table.states) {
          const allowed = transitions.filter(([from]) => from === state).map(([, to]) => to)
          const decision = machine.decide(event, state, (targets: string[]) => targets[0])
          if (allowed.length) {
            assert.isTrue(decision.ok, `${machine.name}: ${event} from ${state}`)
            assert.include(allowed, (decision as { to: string }).to)
          } else {
            assert.isFalse(decision.ok, `${machine.name}: ${event} from ${state} is refused`)
            assert.throws(() => machine.assert(event, state))
          }
        }
      }
    }
  })
})
