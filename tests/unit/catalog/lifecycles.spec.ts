import { test } from '@japa/runner'
import { lifecycles, TransitionRefused, type Lifecycle } from '#core/lifecycle'
import {
  downloadLifecycle,
  eventBetween,
  guideLifecycle,
  noticeLifecycle,
  pickupPointLifecycle,
  platformLifecycle,
  productLifecycle,
  regionLifecycle,
  shippingOriginLifecycle,
} from '#catalog/lifecycles'

/**
 * The catalog's machines as a table, written out by hand: a transition
 * added to a machine (say draft → draft, or a third state) fails here
 * until the table says so too.
 */
type Table = {
  subject: string
  states: Record<string, [label: string, tone: string]>
  events: Record<string, Array<[string, string]>>
}

const SWITCHABLE_STATES: Table['states'] = {
  active: ['启用', 'success'],
  inactive: ['停用', 'muted'],
}
const SWITCHABLE_EVENTS: Table['events'] = {
  activate: [['inactive', 'active']],
  deactivate: [['active', 'inactive']],
}
const CONTENT_STATES: Table['states'] = {
  draft: ['草稿', 'muted'],
  published: ['已发布', 'success'],
}
const CONTENT_EVENTS: Table['events'] = {
  publish: [['draft', 'published']],
  unpublish: [['published', 'draft']],
}

const TABLE: Record<string, Table> = {
  'catalog.region': {
    subject: 'service_region',
    states: SWITCHABLE_STATES,
    events: SWITCHABLE_EVENTS,
  },
  'catalog.platform': {
    subject: 'trading_platform',
    states: SWITCHABLE_STATES,
    events: SWITCHABLE_EVENTS,
  },
  'catalog.pickup_point': {
    subject: 'pickup_point',
    states: SWITCHABLE_STATES,
    events: SWITCHABLE_EVENTS,
  },
  'catalog.shipping_origin': {
    subject: 'shipping_origin',
    states: SWITCHABLE_STATES,
    events: SWITCHABLE_EVENTS,
  },
  'catalog.product': {
    subject: 'product',
    states: { on_sale: ['上架', 'success'], off_sale: ['下架', 'muted'] },
    events: { on_sale: [['off_sale', 'on_sale']], off_sale: [['on_sale', 'off_sale']] },
  },
  'catalog.notice': { subject: 'notice', states: CONTENT_STATES, events: CONTENT_EVENTS },
  'catalog.guide': { subject: 'guide', states: CONTENT_STATES, events: CONTENT_EVENTS },
  'catalog.download': { subject: 'download', states: CONTENT_STATES, events: CONTENT_EVENTS },
}

const MACHINES: Lifecycle<any, any>[] = [
  regionLifecycle,
  platformLifecycle,
  pickupPointLifecycle,
  shippingOriginLifecycle,
  productLifecycle,
  noticeLifecycle,
  guideLifecycle,
  downloadLifecycle,
]

test.group('Catalog lifecycles', () => {
  test('every catalog machine is in the table, and only those', ({ assert }) => {
    const defined = lifecycles()
      .map((machine) => machine.name)
      .filter((name) => name.startsWith('catalog.'))
    assert.sameMembers(defined, Object.keys(TABLE))
    assert.sameMembers(
      MACHINES.map((m) => m.name),
      Object.keys(TABLE)
    )
  })

  for (const machine of MACHINES) {
    test(`${machine.name}: states, labels, tones and transitions are the table's`, ({ assert }) => {
      const expected = TABLE[machine.name]
      assert.equal(machine.subject, expected.subject)
      assert.deepEqual(
        Object.fromEntries(machine.stateKeys.map((s) => [s, [machine.label(s), machine.tone(s)]])),
        expected.states
      )
      assert.deepEqual(
        Object.fromEntries(
          machine.eventKeys.map((e) => [
            e,
            machine.events[e].transitions.map(([from, to]: readonly [string, string]) => [
              from,
              to,
            ]),
          ])
        ),
        expected.events
      )
    })

    test(`${machine.name}: every event is refused from every state it does not start from`, ({
      assert,
    }) => {
      const expected = TABLE[machine.name]
      for (const [event, transitions] of Object.entries(expected.events)) {
        for (const state of Object.keys(expected.states)) {
          const allowed = transitions.filter(([from]) => from === state).map(([, to]) => to)
          if (allowed.length) {
            assert.equal(machine.assert(event, state), allowed[0], `${event} from ${state}`)
            continue
          }
          assert.isFalse(machine.decide(event, state).ok, `${event} from ${state}`)
          assert.throws(() => machine.assert(event, state), TransitionRefused, /不能/)
        }
      }
    })
  }

  test('a status button finds the event between two states, and nothing leads to the same state', ({
    assert,
  }) => {
    assert.equal(eventBetween(productLifecycle, 'on_sale', 'off_sale'), 'off_sale')
    assert.equal(eventBetween(noticeLifecycle, 'published', 'draft'), 'unpublish')
    assert.equal(eventBetween(regionLifecycle, 'inactive', 'active'), 'activate')
    assert.throws(() => eventBetween(regionLifecycle, 'active', 'active'), /不能改为“启用”/)
  })

  test('the audit viewer names each transition in Chinese', ({ assert }) => {
    assert.equal(productLifecycle.auditLabels()['catalog.product.off_sale'], '证书产品下架')
    assert.equal(noticeLifecycle.auditLabels()['catalog.notice.unpublish'], '通知公告撤回')
    assert.equal(regionLifecycle.auditLabels()['catalog.region.activate'], '服务区域启用')
  })
})
