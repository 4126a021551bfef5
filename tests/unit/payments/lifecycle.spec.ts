import { test } from '@japa/runner'
import { TransitionRefused } from '#core/lifecycle'
import { auditActionLabel } from '#core/audit/audit_service'
import {
  OPEN_STATUSES,
  paymentLifecycle,
  voucherLifecycle,
  type PaymentEvent,
  type PaymentStatus,
} from '#payments/lifecycle'

/**
 * The payments module's machines, their tables written out here (not
 * read from the definitions): a transition added to or removed from
 * app/payments/lifecycle.ts fails this test until it is added here too.
 */
const PAYMENT_STATUSES: PaymentStatus[] = [
  'pending',
  'submitted',
  'rejected',
  'paid',
  'failed',
  'closed',
  'refund_due',
]

const PAYMENT_TABLE: Record<PaymentEvent, Array<[PaymentStatus, PaymentStatus]>> = {
  paid: [
    ['pending', 'paid'],
    ['failed', 'paid'],
    ['closed', 'paid'],
  ],
  failed: [['pending', 'failed']],
  close: [
    ['pending', 'closed'],
    ['submitted', 'closed'],
    ['rejected', 'closed'],
  ],
  voucher_submit: [
    ['pending', 'submitted'],
    ['rejected', 'submitted'],
  ],
  transfer_confirm: [['submitted', 'paid']],
  transfer_reject: [['submitted', 'rejected']],
  refund_due: [
    ['pending', 'refund_due'],
    ['submitted', 'refund_due'],
    ['failed', 'refund_due'],
    ['closed', 'refund_due'],
  ],
}

const VOUCHER_TABLE = {
  confirm: [['submitted', 'confirmed']],
  reject: [['submitted', 'rejected']],
}

function tableOf(machine: { eventKeys: string[]; events: Record<string, any> }) {
  return Object.fromEntries(
    machine.eventKeys.map((event) => [
      event,
      machine.events[event].transitions.map(([from, to]: [string, string]) => [from, to]),
    ])
  )
}

function refusedEverywhereElse(
  assert: any,
  machine: { can(e: string, s: string): boolean; assert(e: string, s: string): unknown },
  table: Record<string, string[][]>,
  statuses: string[]
) {
  for (const [event, pairs] of Object.entries(table)) {
    const sources = new Set(pairs.map(([from]) => from))
    for (const status of statuses.filter((s) => !sources.has(s))) {
      assert.isFalse(machine.can(event, status), `${event} from ${status}`)
      assert.throws(() => machine.assert(event, status), TransitionRefused)
    }
  }
}

test.group('Payment lifecycle · the table', () => {
  test('a payment attempt has exactly these statuses and transitions', ({ assert }) => {
    assert.deepEqual(paymentLifecycle.stateKeys, PAYMENT_STATUSES)
    const actual = tableOf(paymentLifecycle as any)
    assert.sameMembers(Object.keys(actual), Object.keys(PAYMENT_TABLE))
    for (const [event, pairs] of Object.entries(PAYMENT_TABLE)) {
      assert.sameDeepMembers(actual[event], pairs, event)
    }
  })

  test('every event is refused from every status it does not start from; paid and refund_due are final', ({
    assert,
  }) => {
    refusedEverywhereElse(assert, paymentLifecycle as any, PAYMENT_TABLE, PAYMENT_STATUSES)
    for (const final of ['paid', 'refund_due'] as const) {
      assert.deepEqual(paymentLifecycle.eventsFrom(final), [], final)
    }
    assert.isFalse(paymentLifecycle.can('paid', 'rejected'))
    assert.throws(
      () => paymentLifecycle.assert('failed', 'paid'),
      '支付当前状态为“已支付”，不能记为支付失败'
    )
    assert.sameMembers([...OPEN_STATUSES], ['pending', 'rejected'])
  })

  test('transitions keep the audit action names the log has always used', ({ assert }) => {
    assert.equal(paymentLifecycle.action('paid'), 'orders.payment.paid')
    assert.equal(paymentLifecycle.action('voucher_submit'), 'orders.payment.voucher_submit')
    assert.equal(paymentLifecycle.action('transfer_confirm'), 'orders.payment.transfer_confirm')
    assert.equal(auditActionLabel('orders.payment.paid'), '支付成功')
    assert.equal(auditActionLabel('orders.payment.close'), '关闭支付')
    assert.equal(auditActionLabel('orders.payment.transfer_reject'), '退回汇款凭证')
  })

  test('a transfer voucher is confirmed or returned once', ({ assert }) => {
    assert.deepEqual(voucherLifecycle.stateKeys, ['submitted', 'confirmed', 'rejected'])
    const actual = tableOf(voucherLifecycle as any)
    assert.deepEqual(actual, VOUCHER_TABLE)
    refusedEverywhereElse(assert, voucherLifecycle as any, VOUCHER_TABLE, [
      'submitted',
      'confirmed',
      'rejected',
    ])
  })
})
