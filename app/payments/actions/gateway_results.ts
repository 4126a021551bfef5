import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { faultPoint } from '#core/fault_points'
import Payment from '#payments/models/payment'
import gateways from '#payments/gateways'
import { PAYMENT_METHODS, isPaymentMethod, type PaymentMethod } from '#payments/labels'
import type { PaymentStatus } from '#payments/lifecycle'
import { lockRows } from '#payments/locks'
import { PaymentError } from '#payments/errors'
import {
  GatewayError,
  NotificationRejected,
  type GatewayResult,
  type NotificationAnswer,
  type RawNotification,
} from '#payments/drivers/contract'
import { transitionPayment } from '#payments/actions/transition_payment'
import { closeAttempt } from '#payments/actions/close_payment'
import { paymentHooks } from '#payments/hooks'
import { settle, type Source } from '#payments/actions/settle'

/**
 * What the gateways say about a payment, from their asynchronous
 * notifications (and the sandbox cashier's buttons) or from asking them
 * (我已支付, finance's 同步支付状态): verified, then applied once.
 */

/**
 * What applying a gateway result did.
 *  - applied: the payment changed status (paid, refund_due, failed, closed);
 *  - unchanged: nothing to do (a repeated notification, a still-pending payment);
 *  - refused: not applied and audited (unknown payment, amount mismatch, …).
 */
export type ApplyOutcome =
  | { kind: 'applied'; payment: Payment; status: PaymentStatus }
  | { kind: 'unchanged'; payment: Payment }
  | {
      kind: 'refused'
      reason: 'unknown_payment' | 'method_mismatch' | 'amount_mismatch'
      message: string
      payment?: Payment
    }

/**
 * Apply a verified gateway result (notification or query answer) to the
 * payment it names. Idempotent: a repeated success changes nothing. An
 * amount that differs from the payment's is refused and audited. A
 * success for an order already paid by another attempt is recorded as
 * refund_due (已收款·待退款), never as a second payment.
 */
export async function applyGatewayResult(
  method: PaymentMethod,
  result: GatewayResult,
  source: Source = 'notify'
): Promise<ApplyOutcome> {
  const gateway: AuditActor = { type: 'system', name: PAYMENT_METHODS[method] }
  const outcome = await db.transaction(async (trx): Promise<ApplyOutcome> => {
    const payment = await lockRows(
      Payment.query({ client: trx }).where('out_trade_no', result.outTradeNo),
      trx
    ).first()
    if (!payment)
      return { kind: 'refused', reason: 'unknown_payment', message: '找不到对应的支付记录' }
    faultPoint('payments.notify.after_lock')
    if (payment.method !== method) {
      return { kind: 'refused', reason: 'method_mismatch', message: '支付方式不符', payment }
    }
    if (result.state === 'paid') {
      if (result.amountFen !== payment.amountFen) {
        return {
          kind: 'refused',
          reason: 'amount_mismatch',
          message: '支付金额与订单金额不符',
          payment,
        }
      }
      if (payment.status === 'paid' || payment.status === 'refund_due')
        return { kind: 'unchanged', payment }
      const status = await settle(payment, trx, {
        transactionId: result.transactionId,
        paidAt: result.paidAt ?? DateTime.utc(),
        source,
        data: result.data,
        actor: gateway,
      })
      return { kind: 'applied', payment, status }
    }
    if (result.state === 'failed' && payment.status === 'pending') {
      const reason = result.reason || '支付失败'
      payment.remember(source, result.data)
      await transitionPayment(payment, 'failed', trx, {
        changes: { failureReason: reason.slice(0, 500) },
        data: { reason, source },
        actor: gateway,
      })
      await paymentHooks.failed(
        {
          orderNo: payment.orderNo,
          paymentId: payment.id,
          userId: payment.userId,
          amountFen: payment.amountFen,
          method,
          reason,
        },
        trx
      )
      return { kind: 'applied', payment, status: 'failed' }
    }
    if (result.state === 'closed' && payment.status === 'pending') {
      payment.remember(source, result.data)
      await closeAttempt(payment, trx, result.reason || '交易已关闭', {
        data: { source },
        actor: gateway,
      })
      return { kind: 'applied', payment, status: 'closed' }
    }
    return { kind: 'unchanged', payment }
  })
  faultPoint('payments.notify.after_commit')

  if (outcome.kind === 'refused') {
    await audit.record({
      action: 'orders.payment.notify_refused',
      subjectType: 'payment',
      subjectId: outcome.payment?.id ?? null,
      actor: gateway,
      data: {
        method,
        source,
        reason: outcome.reason,
        outTradeNo: result.outTradeNo,
        reportedAmountFen: result.amountFen,
        expectedAmountFen: outcome.payment?.amountFen ?? null,
        transactionId: result.transactionId,
      },
    })
  }
  return outcome
}

/**
 * 我已支付 / 同步支付状态: ask the gateway about a pending QR payment (in
 * case its notification was lost). At most once every 5 seconds per
 * payment; null when there was nothing to ask.
 */
export async function refreshPayment(payment: Payment): Promise<ApplyOutcome | null> {
  const driver = gateways.get(payment.method)
  if (!driver.query || payment.status !== 'pending' || !driver.isConfigured()) return null
  const now = DateTime.utc()
  if (payment.lastCheckedAt && now.diff(payment.lastCheckedAt, 'seconds').seconds < 5) return null
  payment.lastCheckedAt = now
  await payment.save()
  let result: GatewayResult
  try {
    result = await driver.query(payment.outTradeNo)
  } catch (error) {
    logger.warn({ err: error, paymentId: payment.id }, 'payment query failed')
    throw new PaymentError(
      error instanceof GatewayError ? error.message : `${driver.label}查询失败，请稍后再试`
    )
  }
  const outcome = await applyGatewayResult(payment.method, result, 'query')
  await payment.refresh()
  return outcome
}

/**
 * One entry point for every gateway's asynchronous notification (and the
 * sandbox cashier's buttons): verify, apply, answer. Forged notifications
 * and amount mismatches are refused and audited; repeated ones are
 * answered with success and change nothing. Null: no such gateway here.
 */
export async function receiveNotification(
  method: string,
  notification: RawNotification
): Promise<NotificationAnswer | null> {
  if (!isPaymentMethod(method)) return null
  const driver = gateways.get(method)
  if (!driver.parseNotification || !driver.answer) return null
  /**
   * Real gateways: as long as they are configured (older payments may
   * still be notified after a method was withdrawn). The sandbox only
   * while it is offered.
   */
  if (driver.sandbox ? !gateways.isAvailable(method) : !driver.isConfigured()) return null

  let result
  try {
    result = await driver.parseNotification(notification)
  } catch (error) {
    // a forged or stale notification is answered as the gateway expects, and audited
    if (!(error instanceof NotificationRejected)) throw error
    await audit.record({
      action: 'orders.payment.notify_refused',
      subjectType: 'payment',
      subjectId: null,
      actor: { type: 'system', name: PAYMENT_METHODS[method] },
      data: { method, reason: error.reason, bodyBytes: Buffer.byteLength(notification.body) },
    })
    return driver.answer(false, error.reason, 401)
  }
  if (!result) return driver.answer(true)
  const outcome = await applyGatewayResult(method, result, 'notify')
  if (outcome.kind === 'refused') return driver.answer(false, outcome.message, 400)
  return driver.answer(true)
}
