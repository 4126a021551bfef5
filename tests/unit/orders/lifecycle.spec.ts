import { test } from '@japa/runner'
import { TransitionRefused } from '#core/lifecycle'
import {
  applicantActions,
  decideOrder as decide,
  orderLifecycle,
  type OrderEvent,
  type OrderFacts,
  type OrderStatus,
} from '#orders/lifecycle'

const base: OrderFacts = {
  status: 'draft',
  paymentState: 'unpaid',
  reviewMode: 'after_payment',
  reviewPassed: false,
  amountFen: 24000,
  deliveryMethod: 'online_install',
}

const facts = (overrides: Partial<OrderFacts>): OrderFacts => ({ ...base, ...overrides })

test.group('Order lifecycle · decide', () => {
  test('submit: pay first when the product reviews after payment', ({ assert }) => {
    assert.deepEqual(decide(base, 'submit'), { ok: true, to: 'pending_payment' })
  })

  test('submit: straight to review when the product reviews first, or the order is free', ({
    assert,
  }) => {
    assert.deepEqual(decide(facts({ reviewMode: 'before_payment' }), 'submit'), {
      ok: true,
      to: 'pending_review',
    })
    assert.deepEqual(decide(facts({ amountFen: 0, paymentState: 'free' }), 'submit'), {
      ok: true,
      to: 'pending_review',
    })
  })

  test('submit: a free order that needs no review (a free 个人年检) is approved at once; a paid one still pays first', ({
    assert,
  }) => {
    assert.deepEqual(
      decide(facts({ amountFen: 0, paymentState: 'free', reviewRequired: false }), 'submit'),
      { ok: true, to: 'approved' }
    )
    assert.deepEqual(decide(facts({ reviewRequired: false }), 'submit'), {
      ok: true,
      to: 'pending_payment',
    })
    assert.deepEqual(
      decide(facts({ amountFen: 0, paymentState: 'free', reviewRequired: true }), 'submit'),
      { ok: true, to: 'pending_review' }
    )
  })

  test('pay: review follows payment; an already reviewed order is approved', ({ assert }) => {
    assert.deepEqual(decide(facts({ status: 'pending_payment' }), 'pay'), {
      ok: true,
      to: 'pending_review',
    })
    assert.deepEqual(
      decide(
        facts({ status: 'pending_payment', reviewMode: 'before_payment', reviewPassed: true }),
        'pay'
      ),
      { ok: true, to: 'approved' }
    )
  })

  test('a paid order is never paid twice', ({ assert }) => {
    for (const status of ['pending_review', 'approved', 'completed', 'cancelled'] as const) {
      assert.isFalse(decide(facts({ status, paymentState: 'paid' }), 'pay').ok)
    }
  })

  test('approve: an unpaid order reviewed first waits for payment (资料审核通过 → 待支付)', ({
    assert,
  }) => {
    assert.deepEqual(
      decide(facts({ status: 'pending_review', reviewMode: 'before_payment' }), 'approve'),
      { ok: true, to: 'pending_payment' }
    )
    assert.deepEqual(decide(facts({ status: 'pending_review', paymentState: 'paid' }), 'approve'), {
      ok: true,
      to: 'approved',
    })
  })

  test('a reviewer cannot approve an order that is waiting for payment', ({ assert }) => {
    const decision = decide(facts({ status: 'pending_payment' }), 'approve')
    assert.deepEqual(decision, { ok: false, message: '只有待审核的订单可以审核通过' })
  })

  test('rejected orders go back to review without a new payment', ({ assert }) => {
    assert.deepEqual(decide(facts({ status: 'pending_review', paymentState: 'paid' }), 'reject'), {
      ok: true,
      to: 'rejected',
    })
    assert.deepEqual(decide(facts({ status: 'rejected', paymentState: 'paid' }), 'resubmit'), {
      ok: true,
      to: 'pending_review',
    })
    assert.isFalse(decide(facts({ status: 'rejected', paymentState: 'paid' }), 'pay').ok)
  })

  test('cancel: allowed before payment, refused after payment (refunds come later)', ({
    assert,
  }) => {
    assert.deepEqual(decide(facts({ status: 'pending_payment' }), 'cancel'), {
      ok: true,
      to: 'cancelled',
    })
    assert.deepEqual(decide(facts({ status: 'draft' }), 'cancel'), { ok: true, to: 'cancelled' })
    assert.deepEqual(decide(facts({ status: 'pending_review', paymentState: 'paid' }), 'cancel'), {
      ok: false,
      message: '订单已支付，不能直接取消，请申请退款',
    })
    assert.deepEqual(decide(facts({ status: 'rejected', paymentState: 'paid' }), 'cancel'), {
      ok: false,
      message: '订单已支付，不能直接取消，请申请退款',
    })
    assert.isFalse(decide(facts({ status: 'completed', paymentState: 'paid' }), 'cancel').ok)
  })

  test('delivery decides what follows approval', ({ assert }) => {
    const approved = (deliveryMethod: string) =>
      facts({ status: 'approved', paymentState: 'paid', deliveryMethod })
    assert.deepEqual(decide(approved('online_install'), 'issue'), { ok: true, to: 'completed' })
    assert.deepEqual(decide(approved('mail_cod'), 'make'), { ok: true, to: 'awaiting_shipment' })
    assert.deepEqual(decide(approved('pickup'), 'make'), { ok: true, to: 'awaiting_pickup' })
    assert.deepEqual(decide(approved('self_make'), 'self_make'), { ok: true, to: 'completed' })
    assert.isFalse(decide(approved('self_make'), 'make').ok)
    assert.isFalse(decide(approved('mail_cod'), 'self_make').ok)
    assert.isFalse(decide(approved('mail_cod'), 'issue').ok)
  })

  test('shipping and pickup end the order', ({ assert }) => {
    assert.deepEqual(decide(facts({ status: 'awaiting_shipment' }), 'ship'), {
      ok: true,
      to: 'shipped',
    })
    assert.deepEqual(decide(facts({ status: 'shipped' }), 'receive'), { ok: true, to: 'completed' })
    assert.deepEqual(decide(facts({ status: 'awaiting_pickup' }), 'hand_over'), {
      ok: true,
      to: 'completed',
    })
    assert.isFalse(decide(facts({ status: 'awaiting_pickup' }), 'receive').ok)
  })

  test('every target of every transition is reachable by decide() from its source', ({
    assert,
  }) => {
    for (const event of orderLifecycle.eventKeys) {
      for (const [from] of orderLifecycle.events[event].transitions) {
        const outcomes = [
          facts({ status: from }),
          facts({ status: from, paymentState: 'paid' }),
          facts({ status: from, reviewMode: 'before_payment', reviewPassed: true }),
          facts({ status: from, deliveryMethod: 'mail_cod' }),
          facts({ status: from, deliveryMethod: 'pickup' }),
          facts({ status: from, deliveryMethod: 'self_make' }),
        ].map((f) => decide(f, event))
        assert.isTrue(
          outcomes.some((o) => o.ok),
          `${event} from ${from}`
        )
      }
    }
  })

  test('applicant actions follow the status', ({ assert }) => {
    assert.includeMembers(
      applicantActions({ ...facts({ status: 'pending_payment' }), medium: 'cloud' }),
      ['pay', 'cancel']
    )
    assert.includeMembers(
      applicantActions({
        ...facts({ status: 'rejected', paymentState: 'paid' }),
        medium: 'cloud',
      }),
      ['reason', 'fix']
    )
    assert.notInclude(
      applicantActions({
        ...facts({ status: 'rejected', paymentState: 'paid' }),
        medium: 'cloud',
      }),
      'cancel'
    )
    assert.include(
      applicantActions({
        ...facts({ status: 'approved', deliveryMethod: 'self_make' }),
        medium: 'ukey',
      }),
      'make'
    )
    assert.include(applicantActions({ ...facts({ status: 'shipped' }), medium: 'ukey' }), 'receive')
  })
})

/**
 * The table, written out here (not read from the definition): a
 * transition added to or removed from app/orders/lifecycle.ts fails this
 * test until it is added here too, on purpose.
 */
const ORDER_TABLE: Record<OrderEvent, Array<[OrderStatus, OrderStatus]>> = {
  submit: [
    ['draft', 'pending_payment'],
    ['draft', 'pending_review'],
    ['draft', 'approved'],
  ],
  pay: [
    ['pending_payment', 'pending_review'],
    ['pending_payment', 'approved'],
  ],
  approve: [
    ['pending_review', 'approved'],
    ['pending_review', 'pending_payment'],
  ],
  reject: [['pending_review', 'rejected']],
  resubmit: [['rejected', 'pending_review']],
  cancel: [
    ['draft', 'cancelled'],
    ['pending_payment', 'cancelled'],
    ['rejected', 'cancelled'],
    ['pending_review', 'cancelled'],
  ],
  issue: [['approved', 'completed']],
  make: [
    ['approved', 'awaiting_shipment'],
    ['approved', 'awaiting_pickup'],
  ],
  self_make: [['approved', 'completed']],
  ship: [['awaiting_shipment', 'shipped']],
  receive: [['shipped', 'completed']],
  hand_over: [['awaiting_pickup', 'completed']],
}

const ORDER_STATUSES: OrderStatus[] = [
  'draft',
  'pending_payment',
  'pending_review',
  'rejected',
  'approved',
  'awaiting_shipment',
  'awaiting_pickup',
  'shipped',
  'completed',
  'cancelled',
  'refunding',
  'refunded',
]

test.group('Order lifecycle · the table', () => {
  test('the machine has exactly these statuses, events and transitions', ({ assert }) => {
    assert.deepEqual(orderLifecycle.stateKeys, ORDER_STATUSES)
    assert.sameMembers(orderLifecycle.eventKeys, Object.keys(ORDER_TABLE))
    for (const event of orderLifecycle.eventKeys) {
      assert.sameDeepMembers(
        orderLifecycle.events[event].transitions.map(([from, to]) => [from, to]),
        ORDER_TABLE[event],
        event
      )
    }
  })

  test('every event is refused from every status it does not start from, whatever the order looks like', ({
    assert,
  }) => {
    const shapes: Array<Partial<OrderFacts>> = [
      {},
      { paymentState: 'paid' },
      { paymentState: 'free', amountFen: 0 },
      { reviewMode: 'before_payment', reviewPassed: true },
      { deliveryMethod: 'mail_cod' },
      { deliveryMethod: 'pickup' },
      { deliveryMethod: 'self_make' },
    ]
    for (const [event, pairs] of Object.entries(ORDER_TABLE) as Array<
      [OrderEvent, Array<[OrderStatus, OrderStatus]>]
    >) {
      const sources = new Set(pairs.map(([from]) => from))
      for (const status of ORDER_STATUSES.filter((s) => !sources.has(s))) {
        assert.isFalse(orderLifecycle.can(event, status), `${event} from ${status}`)
        assert.throws(() => orderLifecycle.assert(event, status), TransitionRefused)
        for (const shape of shapes) {
          assert.isFalse(decide(facts({ ...shape, status }), event).ok, `${event} from ${status}`)
        }
      }
      for (const [from, to] of pairs) {
        assert.isTrue(orderLifecycle.can(event, from, to), `${event}: ${from} → ${to}`)
      }
    }
  })

  test('every event is audited under its name, with a Chinese label', ({ assert }) => {
    const labels = orderLifecycle.auditLabels()
    assert.equal(orderLifecycle.action('approve'), 'orders.order.approve')
    assert.equal(labels['orders.order.approve'], '订单审核通过')
    assert.equal(labels['orders.order.resubmit'], '订单完善资料后重新提交')
    assert.lengthOf(Object.keys(labels), Object.keys(ORDER_TABLE).length)
  })
})

test.group('Order lifecycle · service orders without review (个人年检)', () => {
  test('pay: an order that needs no review is approved by its payment', ({ assert }) => {
    const f = { ...base, status: 'pending_payment' as const, reviewRequired: false }
    assert.deepEqual(decide(f, 'pay'), { ok: true, to: 'approved' })
    assert.deepEqual(decide({ ...f, reviewRequired: true }, 'pay'), {
      ok: true,
      to: 'pending_review',
    })
  })
})
