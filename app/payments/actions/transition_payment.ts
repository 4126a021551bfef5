import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AuditActor } from '#core/audit/audit_service'
import type Payment from '#payments/models/payment'
import { paymentLifecycle, type PaymentEvent } from '#payments/lifecycle'

export type PaymentChanges = Partial<
  Pick<Payment, 'transactionId' | 'paidAt' | 'paidOrderNo' | 'failureReason' | 'closedAt'>
>

/**
 * The one way a payment changes status: the columns that go with the
 * event, then the machine's `apply` (checked, saved, one audit entry with
 * the order number and method), in the caller's transaction.
 */
export async function transitionPayment(
  payment: Payment,
  event: PaymentEvent,
  trx: TransactionClientContract,
  options: { changes?: PaymentChanges; data?: Record<string, unknown>; actor?: AuditActor } = {}
) {
  if (options.changes) payment.merge(options.changes)
  return paymentLifecycle.apply(payment, event, trx, {
    data: { orderNo: payment.orderNo, method: payment.method, ...options.data },
    actor: options.actor,
  })
}
