import { test } from '@japa/runner'
import { TransitionRefused } from '#core/lifecycle'
import { refundLifecycle, type RefundStatus } from '#payments/refund_lifecycle'

/**
 * The refund machine, its table written out here.
 */
const STATUSES: RefundStatus[] = ['requested', 'processing', 'refunded', 'rejected', 'failed']
const TABLE: Record<string, Array<[RefundStatus, RefundStatus]>> = {
  approve: [['requested', 'processing']],
  reject: [['requested', 'rejected']],
  succeed: [['processing', 'refunded']],
  fail: [['processing', 'failed']],
  retry: [['failed', 'processing']],
}

test.group('Payments · refund lifecycle', () => {
  test('states and events are exactly the table', ({ assert }) => {
    assert.deepEqual(refundLifecycle.stateKeys, STATUSES)
    assert.deepEqual(refundLifecycle.eventKeys, Object.keys(TABLE))
  })

  test('each event is allowed from its states and refused from every other', ({ assert }) => {
    for (const [event, pairs] of Object.entries(TABLE) as Array<
      [any, Array<[RefundStatus, RefundStatus]>]
    >) {
      for (const from of STATUSES) {
        const pair = pairs.find(([f]) => f === from)
        if (pair) assert.equal(refundLifecycle.assert(event, from), pair[1])
        else assert.throws(() => refundLifecycle.assert(event, from), TransitionRefused as any)
      }
    }
  })
})
