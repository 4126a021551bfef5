import { test } from '@japa/runner'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
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

/** the app's machines (not those a test defines for itself, named tests.*) */
function appMachines() {
  return [...lifecycles()].filter((machine) => !machine.name.startsWith('tests.'))
}

function liveTable(): Table {
  const table: Table = {}
  for (const machine of appMachines().sort((a, b) => a.name.localeCompare(b.name))) {
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

/**
 * Load every file of app/ that defines a machine, so that the table is the
 * same whichever test files ran before this one.
 */
async function loadEveryMachine() {
  const root = app.makePath('app')
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (file) =>
      file.endsWith('.ts') &&
      !file.startsWith('core/lifecycle') &&
      readFileSync(`${root}/${file}`, 'utf8').includes('defineLifecycle(')
  )
  for (const file of files) await import(pathToFileURL(`${root}/${file}`).href)
}

test.group('Every lifecycle', (group) => {
  group.setup(() => loadEveryMachine())

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
    for (const machine of appMachines()) {
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
