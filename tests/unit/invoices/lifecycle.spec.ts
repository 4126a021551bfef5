import { test } from '@japa/runner'
import { TransitionRefused } from '#core/lifecycle'
import { invoiceLifecycle, type InvoiceStatus } from '#invoices/lifecycle'

/**
 * The invoice machine, its table written out here: a transition added to
 * or removed from app/invoices/lifecycle.ts fails this test until it is
 * added here too.
 */
const STATUSES: InvoiceStatus[] = ['requested', 'issued', 'rejected', 'reversed']
const TABLE: Record<string, Array<[InvoiceStatus, InvoiceStatus]>> = {
  issue: [['requested', 'issued']],
  reject: [['requested', 'rejected']],
  reverse: [['issued', 'reversed']],
}

test.group('Invoices · lifecycle', () => {
  test('states and events are exactly the table', ({ assert }) => {
    assert.deepEqual(invoiceLifecycle.stateKeys, STATUSES)
    assert.deepEqual(invoiceLifecycle.eventKeys, Object.keys(TABLE))
  })

  test('each event is allowed from its states and refused from every other', ({ assert }) => {
    for (const [event, pairs] of Object.entries(TABLE) as Array<
      [any, Array<[InvoiceStatus, InvoiceStatus]>]
    >) {
      for (const from of STATUSES) {
        const pair = pairs.find(([f]) => f === from)
        if (pair) assert.equal(invoiceLifecycle.assert(event, from), pair[1])
        else assert.throws(() => invoiceLifecycle.assert(event, from), TransitionRefused as any)
      }
    }
  })

  test('an issued invoice cannot be issued again', ({ assert }) => {
    assert.throws(
      () => invoiceLifecycle.assert('issue', 'issued'),
      '该发票申请已处理，不能重复开具'
    )
  })
})
