import { test } from '@japa/runner'
import { applicantActions, decide, TRANSITIONS, type OrderFacts } from '#orders/state_machine'

const base: OrderFacts = {
  status: 'draft',
  paymentStatus: 'unpaid',
  reviewMode: 'after_payment',
  reviewPassed: false,
  amountFen: 24000,
  deliveryMethod: 'online_install',
}

const facts = (overrides: Partial<OrderFacts>): OrderFacts => ({ ...base, ...overrides })

test.group('Order state machine', () => {
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
    assert.deepEqual(decide(facts({ amountFen: 0, paymentStatus: 'free' }), 'submit'), {
      ok: true,
      to: 'pending_review',
    })
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
      assert.isFalse(decide(facts({ status, paymentStatus: 'paid' }), 'pay').ok)
    }
  })

  test('approve: an unpaid order reviewed first waits for payment (资料审核通过 → 待支付)', ({
    assert,
  }) => {
    assert.deepEqual(
      decide(facts({ status: 'pending_review', reviewMode: 'before_payment' }), 'approve'),
      { ok: true, to: 'pending_payment' }
    )
    assert.deepEqual(
      decide(facts({ status: 'pending_review', paymentStatus: 'paid' }), 'approve'),
      {
        ok: true,
        to: 'approved',
      }
    )
  })

  test('a reviewer cannot approve an order that is waiting for payment', ({ assert }) => {
    const decision = decide(facts({ status: 'pending_payment' }), 'approve')
    assert.deepEqual(decision, { ok: false, message: '只有待审核的订单可以审核通过' })
  })

  test('rejected orders go back to review without a new payment', ({ assert }) => {
    assert.deepEqual(decide(facts({ status: 'pending_review', paymentStatus: 'paid' }), 'reject'), {
      ok: true,
      to: 'rejected',
    })
    assert.deepEqual(decide(facts({ status: 'rejected', paymentStatus: 'paid' }), 'resubmit'), {
      ok: true,
      to: 'pending_review',
    })
    assert.isFalse(decide(facts({ status: 'rejected', paymentStatus: 'paid' }), 'pay').ok)
  })

  test('cancel: allowed before payment, refused after payment (refunds come later)', ({
    assert,
  }) => {
    assert.deepEqual(decide(facts({ status: 'pending_payment' }), 'cancel'), {
      ok: true,
      to: 'cancelled',
    })
    assert.deepEqual(decide(facts({ status: 'draft' }), 'cancel'), { ok: true, to: 'cancelled' })
    assert.deepEqual(decide(facts({ status: 'pending_review', paymentStatus: 'paid' }), 'cancel'), {
      ok: false,
      message: '订单已支付，不能直接取消，请申请退款',
    })
    assert.deepEqual(decide(facts({ status: 'rejected', paymentStatus: 'paid' }), 'cancel'), {
      ok: false,
      message: '订单已支付，不能直接取消，请申请退款',
    })
    assert.isFalse(decide(facts({ status: 'completed', paymentStatus: 'paid' }), 'cancel').ok)
  })

  test('delivery decides what follows approval', ({ assert }) => {
    const approved = (deliveryMethod: string) =>
      facts({ status: 'approved', paymentStatus: 'paid', deliveryMethod })
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
    for (const [event, pairs] of Object.entries(TRANSITIONS)) {
      for (const [from] of pairs) {
        const outcomes = [
          facts({ status: from }),
          facts({ status: from, paymentStatus: 'paid' }),
          facts({ status: from, reviewMode: 'before_payment', reviewPassed: true }),
          facts({ status: from, deliveryMethod: 'mail_cod' }),
          facts({ status: from, deliveryMethod: 'pickup' }),
          facts({ status: from, deliveryMethod: 'self_make' }),
        ].map((f) => decide(f, event as any))
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
        ...facts({ status: 'rejected', paymentStatus: 'paid' }),
        medium: 'cloud',
      }),
      ['reason', 'fix']
    )
    assert.notInclude(
      applicantActions({
        ...facts({ status: 'rejected', paymentStatus: 'paid' }),
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
