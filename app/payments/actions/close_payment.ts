import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AuditActor } from '#core/audit/audit_service'
import Payment from '#payments/models/payment'
import gateways from '#payments/gateways'
import { OPEN_STATUSES } from '#payments/lifecycle'
import { lockRows } from '#payments/locks'
import { PaymentError } from '#payments/errors'
import { transitionPayment } from '#payments/actions/transition_payment'

/**
 * Closing payment attempts: one that can no longer be paid (another
 * attempt, the order paid or cancelled, the gateway says so), and telling
 * its gateway, so that its QR code stops working.
 */

/**
 * Close one attempt in the caller's transaction (audited with the reason).
 */
export async function closeAttempt(
  payment: Payment,
  trx: TransactionClientContract,
  reason: string,
  options: { data?: Record<string, unknown>; actor?: AuditActor } = {}
) {
  return transitionPayment(payment, 'close', trx, {
    changes: { failureReason: reason.slice(0, 500), closedAt: DateTime.utc() },
    data: { reason, ...options.data },
    actor: options.actor,
  })
}

/**
 * Tell the gateway to close an attempt we closed (best effort: if the
 * QR code is paid anyway, the success is recorded, or kept for refund).
 */
export async function closeAtGateway(payment: Payment) {
  const driver = gateways.get(payment.method)
  if (!driver.close || !payment.codeUrl || !driver.isConfigured()) return
  try {
    await driver.close(payment.outTradeNo)
  } catch (error) {
    logger.warn({ err: error, paymentId: payment.id }, 'closing the payment at the gateway failed')
  }
}

/**
 * The orders module cancels or closes an order: close its open payment
 * attempts (in the caller's transaction; gateways are told after the
 * commit). Refused when the order is paid or a transfer voucher waits for
 * finance.
 */
export async function closeOrderPayments(
  orderNo: string,
  reason: string,
  trx: TransactionClientContract
): Promise<number> {
  const rows = await lockRows(Payment.query({ client: trx }).where('order_no', orderNo), trx)
  if (rows.some((p) => p.status === 'paid')) throw new PaymentError('订单已支付，不能关闭支付')
  if (rows.some((p) => p.status === 'submitted'))
    throw new PaymentError('汇款凭证正在等待财务确认，暂不能取消')
  const open = rows.filter((p) => OPEN_STATUSES.includes(p.status))
  for (const p of open) await closeAttempt(p, trx, reason)
  trx.after('commit', async () => {
    for (const p of open) await closeAtGateway(p)
  })
  return open.length
}
