import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { nextId } from '#core/ids'
import { withLock } from '#core/locks'
import { formatFen } from '#core/money'
import storage from '#core/storage'
import type { Reviewer } from '#core/staff'
import { NotFoundError } from '#core/rule_error'
import { PaymentError } from '#payments/errors'
import { lockRows } from '#payments/locks'
import Payment from '#payments/models/payment'
import Refund from '#payments/models/refund'
import { OPEN_REFUND_STATUSES, refundLifecycle } from '#payments/refund_lifecycle'
import { refundHooks, type RefundStateEvent } from '#payments/refund_hooks'
import { paidPaymentOfOrder } from '#payments/queries/payments'
import {
  parseWechatRefundNotification,
  refundAtGateway,
  type RefundNotice,
  type RefundOutcome,
} from '#payments/refunds/gateway_refunds'
import {
  GatewayError,
  NotificationRejected,
  type RawNotification,
} from '#payments/drivers/contract'
import gateways from '#payments/gateways'

/**
 * 退费: the applicant asks (可退款 and the amount follow the order's refund
 * rule, which the orders module states through refund_hooks.ts); finance
 * approves or rejects with a reason; an approved refund goes back through
 * the gateway the money came from (sandbox, WeChat Pay, Alipay) or, for a
 * bank transfer, finance records the outgoing transfer with a voucher.
 *
 * Nothing lost, nothing twice: each step commits on its own (approve →
 * processing; the gateway's answer → refunded/failed; the effects that
 * follow → effects_done_at), the gateway is asked with the refund's own
 * number (a repeated call refunds once), a repeated or late notification
 * changes nothing, and `resumeRefund` picks up a refund left between two
 * steps by a crash. `refundCrashPoints` lets the tests crash between them.
 */
export const refundCrashPoints: {
  /** a refund request between the rule as the page read it and the request's decision (tests run a grant there) */
  afterQuote?: () => void | Promise<void>
  afterApprove?: () => void
  afterGateway?: () => void
  afterOutcome?: () => void
} = {}

function staffActor(staff: Reviewer): AuditActor {
  return { type: 'staff', id: staff.id, name: staff.displayName }
}

function lockRefund(id: string, trx: TransactionClientContract) {
  return lockRows(Refund.query({ client: trx }).where('id', id), trx).first()
}

export async function openRefundOfOrder(orderNo: string, trx?: TransactionClientContract) {
  return Refund.query(trx ? { client: trx } : {})
    .where('order_no', orderNo)
    .whereIn('status', [...OPEN_REFUND_STATUSES])
    .first()
}

function refundedOfOrder(orderNo: string, trx?: TransactionClientContract) {
  return Refund.query(trx ? { client: trx } : {})
    .where('order_no', orderNo)
    .where('status', 'refunded')
    .first()
}

/**
 * What the 退费申请 page shows: the order's rule (可退款, amount, summary),
 * the payment it would go back through, and an open refund if there is one.
 */
export async function refundQuote(orderNo: string, userId: string | null) {
  const order = await refundHooks.refundable(orderNo, userId)
  if (!order) return null
  const payment = await paidPaymentOfOrder(orderNo)
  const open = await openRefundOfOrder(orderNo)
  const refunded = await refundedOfOrder(orderNo)
  return { order, payment, open, refunded }
}

export interface RefundRequestInput {
  reason: string
  note?: string | null
}

/**
 * 退费申请: who may ask is checked first (the orders module answers only
 * for the person; an org's 经办人 or admin); then ONE transaction decides
 * and records: the order's rule read again under the order's row lock
 * (refundHooks with `decide`), the open and done refunds and the payment
 * read in it, the refund, its audit entry and the order's 退款中. A
 * package granted (or a certificate issued) meanwhile commits before the
 * decision, which then follows its rule; one granted after waits for the
 * commit and finds the order 退款中.
 */
export async function applyForRefund(userId: string, orderNo: string, input: RefundRequestInput) {
  return withLock(`refund-order:${orderNo}`, async () => {
    const quoted = await refundHooks.refundable(orderNo, userId)
    if (!quoted) throw new NotFoundError('订单不存在')
    await refundCrashPoints.afterQuote?.()
    return db.transaction(async (trx) => {
      const order = await refundHooks.refundable(orderNo, null, { trx, quoted })
      if (!order) throw new NotFoundError('订单不存在')
      if (await openRefundOfOrder(orderNo, trx))
        throw new PaymentError('该订单已有退费申请在处理中')
      if (await refundedOfOrder(orderNo, trx)) throw new PaymentError('该订单已退款')
      if (!order.refundable) throw new PaymentError(order.rule || '该订单不可退款')
      const payment = await paidPaymentOfOrder(orderNo, trx)
      if (!payment) throw new PaymentError('该订单没有可退的支付记录')
      if (order.amountFen <= 0) throw new PaymentError('该订单没有可退金额')
      if (order.amountFen > payment.amountFen)
        throw new PaymentError(`退款金额不能超过实付金额 ${formatFen(payment.amountFen)}`)
      const refund = new Refund()
      refund.useTransaction(trx)
      refund.merge({
        refundNo: `R${nextId()}`,
        paymentId: payment.id,
        orderNo,
        userId,
        method: payment.method,
        amountFen: order.amountFen,
        paidFen: payment.amountFen,
        reason: input.reason.slice(0, 200),
        note: input.note?.slice(0, 500) || null,
        status: 'requested',
      })
      await audit.save(refund, trx, {
        action: 'payments.refund.request',
        subjectType: 'refund',
        data: {
          orderNo,
          amountFen: refund.amountFen,
          method: refund.method,
          reason: refund.reason,
          rule: order.rule,
        },
      })
      await refundHooks.state(event(refund, 'refunding'), trx)
      return refund
    })
  })
}

function event(refund: Refund, state: RefundStateEvent['state']): RefundStateEvent {
  return {
    orderNo: refund.orderNo,
    refundId: refund.id,
    state,
    amountFen: refund.amountFen,
    reason: refund.reason,
    refundOver: refund.status === 'rejected',
  }
}

export async function rejectRefund(id: string, staff: Reviewer, reason: string) {
  return db.transaction(async (trx) => {
    const refund = await lockRefund(id, trx)
    if (!refund) throw new NotFoundError('退款申请不存在')
    refund.merge({
      rejectReason: reason.slice(0, 200),
      reviewerId: staff.id,
      reviewerName: staff.displayName,
      decidedAt: DateTime.utc(),
    })
    await refundLifecycle.apply(refund, 'reject', trx, {
      data: { reason },
      actor: staffActor(staff),
    })
    await refundHooks.state(event(refund, 'paid'), trx)
    return refund
  })
}

/**
 * 审核通过: processing, then the gateway (bank transfers wait for finance's
 * record of the outgoing transfer).
 */
export async function approveRefund(id: string, staff: Reviewer) {
  await db.transaction(async (trx) => {
    const refund = await lockRefund(id, trx)
    if (!refund) throw new NotFoundError('退款申请不存在')
    refund.merge({
      reviewerId: staff.id,
      reviewerName: staff.displayName,
      decidedAt: DateTime.utc(),
    })
    await refundLifecycle.apply(refund, 'approve', trx, {
      data: { amountFen: refund.amountFen, method: refund.method },
      actor: staffActor(staff),
    })
  })
  refundCrashPoints.afterApprove?.()
  return resumeRefund(id, staffActor(staff))
}

/**
 * Ask the gateway (again) for a refund in processing and apply its
 * answer; a failed refund is retried. Idempotent: the gateway keys on the
 * refund number; a refund already decided is returned as it is.
 */
export async function resumeRefund(id: string, actor?: AuditActor) {
  const refund = await Refund.find(id)
  if (!refund) throw new NotFoundError('退款申请不存在')
  if (refund.status === 'refunded') {
    await completeRefundEffects(refund.id)
    return refund
  }
  if (refund.status === 'failed') {
    await db.transaction(async (trx) => {
      const fresh = await lockRefund(id, trx)
      await refundLifecycle.apply(fresh!, 'retry', trx, { actor })
      await refundHooks.state(event(fresh!, 'refunding'), trx)
    })
    await refund.refresh()
  }
  if (refund.status !== 'processing') return refund
  if (refund.method === 'bank_transfer') return refund
  const payment = await Payment.findOrFail(refund.paymentId)
  let outcome: RefundOutcome
  try {
    outcome = await refundAtGateway(refund.method, {
      refundNo: refund.refundNo,
      outTradeNo: payment.outTradeNo,
      transactionId: payment.transactionId,
      totalFen: payment.amountFen,
      amountFen: refund.amountFen,
      reason: refund.reason,
    })
  } catch (error) {
    if (error instanceof GatewayError) throw new PaymentError(error.message, { status: 502 })
    throw error
  }
  refundCrashPoints.afterGateway?.()
  return applyRefundOutcome({ ...outcome, refundNo: refund.refundNo }, 'gateway', actor)
}

/**
 * The gateway's word on a refund (its answer or its notification): once.
 * An amount other than the refund's is refused and audited.
 */
export async function applyRefundOutcome(notice: RefundNotice, source: string, actor?: AuditActor) {
  const result = await db.transaction(async (trx) => {
    const refund = await lockRows(
      Refund.query({ client: trx }).where('refund_no', notice.refundNo),
      trx
    ).first()
    if (!refund) throw new NotFoundError('退款申请不存在')
    if (refund.status !== 'processing' || notice.state === 'processing') {
      if (notice.state === 'processing') {
        refund.useTransaction(trx)
        refund.remember(source, notice.data)
        await refund.save()
      }
      return { refund, changed: false }
    }
    if (notice.amountFen !== null && notice.amountFen !== refund.amountFen) {
      return { refund, changed: false, refused: notice.amountFen }
    }
    refund.remember(source, notice.data)
    refund.gatewayRefundId = notice.gatewayRefundId ?? refund.gatewayRefundId
    if (notice.state === 'succeeded') {
      refund.refundedAt = DateTime.utc()
      await refundLifecycle.apply(refund, 'succeed', trx, {
        data: { source, gatewayRefundId: refund.gatewayRefundId },
        actor,
      })
      await refundHooks.state(event(refund, 'refunded'), trx)
    } else {
      refund.rejectReason = notice.reason?.slice(0, 200) ?? '退款失败'
      await refundLifecycle.apply(refund, 'fail', trx, {
        data: { source, reason: refund.rejectReason },
        actor,
      })
      await refundHooks.state(event(refund, 'paid'), trx)
    }
    return { refund, changed: true }
  })
  if ('refused' in result) {
    await audit.record({
      action: 'payments.refund.notify_refused',
      subjectType: 'refund',
      subjectId: result.refund.id,
      data: { source, reported: result.refused, expected: result.refund.amountFen },
      actor,
    })
    throw new PaymentError('退款金额与申请不符，已拒绝', { code: 'amount_mismatch' })
  }
  refundCrashPoints.afterOutcome?.()
  if (result.refund.status === 'refunded') await completeRefundEffects(result.refund.id)
  return result.refund
}

/**
 * What follows a refund (the orders module revokes a certificate where the
 * rule says so; the invoices module issues the red-letter invoice): run
 * until it has run once (effects_done_at), re-run after a crash.
 */
export async function completeRefundEffects(id: string) {
  await withLock(`refund-effects:${id}`, async () => {
    const refund = await Refund.findOrFail(id)
    if (refund.status !== 'refunded' || refund.effectsDoneAt) return
    await refundHooks.refunded(event(refund, 'refunded'))
    await db.transaction(async (trx) => {
      refund.effectsDoneAt = DateTime.utc()
      await audit.save(refund, trx, { action: 'payments.refund.effects', subjectType: 'refund' })
    })
  })
}

/**
 * 银行汇款 refund: finance made the outgoing transfer and records it with
 * the voucher (file checked by content by the caller).
 */
export async function recordBankRefund(
  id: string,
  staff: Reviewer,
  input: { file: { buffer: Buffer; type: string }; bankReference: string }
) {
  const refund = await Refund.find(id)
  if (!refund) throw new NotFoundError('退款申请不存在')
  if (refund.method !== 'bank_transfer')
    throw new PaymentError('只有银行汇款的退款需要登记转账凭证')
  if (refund.status !== 'processing')
    throw new PaymentError(refundLifecycle.refusal('succeed', refund.status))
  const key = await storage.put(
    storage.makeKey(`refunds/${refund.id}`, input.file.type),
    input.file.buffer
  )
  await db.transaction(async (trx) => {
    const fresh = await lockRefund(id, trx)
    fresh!.voucherKey = key
    fresh!.bankReference = input.bankReference.slice(0, 64)
    await fresh!.save()
  })
  return applyRefundOutcome(
    {
      refundNo: refund.refundNo,
      state: 'succeeded',
      gatewayRefundId: input.bankReference.slice(0, 64),
      amountFen: refund.amountFen,
      data: { bankReference: input.bankReference, recordedBy: staff.displayName },
    },
    'bank',
    staffActor(staff)
  )
}

/**
 * POST /payments/notify/refund/:gateway — verify, apply once, answer.
 */
export async function receiveRefundNotification(method: 'wechatpay', raw: RawNotification) {
  const driver = gateways.get(method)
  let notice: RefundNotice | null
  try {
    notice = parseWechatRefundNotification(raw)
  } catch (error) {
    if (error instanceof NotificationRejected) {
      await audit.record({
        action: 'payments.refund.notify_refused',
        subjectType: 'refund',
        subjectId: 'unknown',
        data: { method, reason: error.reason },
        actor: { type: 'system' },
      })
      return driver.answer!(false, error.reason, 401)
    }
    throw error
  }
  if (!notice) return driver.answer!(true)
  try {
    await applyRefundOutcome(notice, 'notify', { type: 'system', name: '微信支付' } as AuditActor)
  } catch (error) {
    if (error instanceof PaymentError || error instanceof NotFoundError)
      return driver.answer!(false, error.message, 400)
    throw error
  }
  return driver.answer!(true)
}
