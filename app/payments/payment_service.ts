import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import paymentsConfig from '#config/payments'
import audit, { registerAuditActions, type AuditActor } from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import storage from '#core/storage'
import { isNineteenDigitId, nextId } from '#core/ids'
import { formatFen } from '#core/money'
import Payment from './models/payment.js'
import PaymentVoucher from './models/payment_voucher.js'
import gateways from './gateways.js'
import { paymentHooks } from './hooks.js'
import { GatewayError, type GatewayResult } from './drivers/contract.js'
import {
  OPEN_STATUSES,
  PAYMENT_METHODS,
  assertTransition,
  isPaymentMethod,
  type PaymentMethod,
  type PaymentStatus,
} from './states.js'

registerAuditActions({
  'orders.payment.create': '发起支付',
  'orders.payment.close': '关闭支付',
  'orders.payment.paid': '支付成功',
  'orders.payment.failed': '支付失败',
  'orders.payment.refund_due': '已收款·待退款',
  'orders.payment.voucher_submit': '提交汇款凭证',
  'orders.payment.transfer_confirm': '确认汇款到账',
  'orders.payment.transfer_reject': '退回汇款凭证',
  'orders.payment.notify_refused': '拒绝支付通知',
})

/**
 * A refusal the user can act on (Chinese message, optionally for a form
 * field).
 */
export class PaymentError extends Error {
  constructor(
    message: string,
    public field?: string
  ) {
    super(message)
  }
}

export interface StartPaymentInput {
  orderNo: string
  userId: string
  amountFen: number
  subject: string
  method: PaymentMethod | string
}

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

export interface VoucherInput {
  file: { buffer: Buffer; type: 'jpg' | 'png' | 'pdf'; size: number; clientName?: string | null }
  payerName: string
  payerAccount: string
  amountFen: number
  transferDate: string
  note?: string | null
}

export interface StaffActor {
  id: string
  name: string
}

type Source = 'notify' | 'query' | 'transfer'

function lockRows<T extends ModelQueryBuilderContract<any, any>>(
  query: T,
  trx: TransactionClientContract
): T {
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query
}

function staffActor(staff?: StaffActor): AuditActor | undefined {
  return staff ? { type: 'staff', id: staff.id, name: staff.name } : undefined
}

export class PaymentService {
  /**
   * Open a payment of an order with the chosen method. An order is never
   * paid twice: a paid order (or one whose transfer voucher waits for
   * finance) is refused; an open attempt with the same method and amount
   * whose QR code is still valid is reused; other open attempts are closed
   * (and closed at their gateway, so that their QR codes can no longer be
   * paid).
   */
  async start(input: StartPaymentInput): Promise<Payment> {
    const { orderNo, userId, amountFen, method } = input
    const subject =
      String(input.subject ?? '')
        .trim()
        .slice(0, 128) || `订单 ${orderNo}`
    if (!isNineteenDigitId(orderNo)) throw new PaymentError('订单编号无效')
    if (!Number.isInteger(amountFen) || amountFen <= 0) throw new PaymentError('该订单无需支付')
    if (!isPaymentMethod(method) || !gateways.isAvailable(method)) {
      throw new PaymentError('请选择可用的支付方式', 'method')
    }
    const driver = gateways.get(method)
    const now = DateTime.utc()

    const { payment, reused, closed } = await db.transaction(async (trx) => {
      const existing = await lockRows(
        Payment.query({ client: trx }).where('order_no', orderNo),
        trx
      )
      if (existing.some((p) => p.userId !== userId))
        throw new PaymentError('订单信息不符，无法支付')
      if (existing.some((p) => p.status === 'paid'))
        throw new PaymentError('该订单已支付，无需重复支付')
      if (existing.some((p) => p.status === 'submitted')) {
        throw new PaymentError('您已提交汇款凭证，正在等待财务确认，请勿重复支付')
      }
      const open = existing.filter((p) => OPEN_STATUSES.includes(p.status))
      const reusable = open.find(
        (p) =>
          p.method === method &&
          p.amountFen === amountFen &&
          (driver.kind === 'transfer' ||
            (p.codeUrl && p.expiresAt && p.expiresAt > now.plus({ minutes: 2 })))
      )
      if (reusable) return { payment: reusable, reused: true, closed: [] as Payment[] }

      const closedNow: Payment[] = []
      for (const p of open) {
        const reason = p.isExpired ? '二维码已过期' : '已重新发起支付'
        await this.transition(
          p,
          'closed',
          trx,
          { failureReason: reason, closedAt: now },
          'orders.payment.close',
          { reason }
        )
        closedNow.push(p)
      }

      const created = new Payment()
      created.fill({
        orderNo,
        userId,
        method,
        status: 'pending',
        amountFen,
        subject,
        outTradeNo: nextId(),
        codeUrl: null,
        transactionId: null,
        paidOrderNo: null,
        paidAt: null,
        expiresAt: driver.kind === 'qr' ? now.plus({ minutes: paymentsConfig.qrTtlMinutes }) : null,
        closedAt: null,
        failureReason: null,
        gatewayData: null,
        lastCheckedAt: null,
      })
      created.useTransaction(trx)
      await created.save()
      await audit.record(
        {
          action: 'orders.payment.create',
          subjectType: 'payment',
          subjectId: created.id,
          data: { orderNo, method, amountFen, outTradeNo: created.outTradeNo },
        },
        trx
      )
      return { payment: created, reused: false, closed: closedNow }
    })

    for (const p of closed) await this.closeAtGateway(p)
    if (reused || driver.kind !== 'qr') return payment

    try {
      const qr = await driver.createQr!({
        paymentId: payment.id,
        outTradeNo: payment.outTradeNo,
        amountFen: payment.amountFen,
        subject: payment.subject,
        expiresAt: payment.expiresAt!,
      })
      payment.codeUrl = qr.codeUrl
      payment.remember('create', { at: DateTime.utc().toISO(), ...(qr.data ?? {}) })
      await payment.save()
      return payment
    } catch (error) {
      const message =
        error instanceof GatewayError
          ? error.message
          : `${driver.label}暂时无法下单，请稍后重试或选择其他支付方式`
      logger.warn({ err: error, paymentId: payment.id, method }, 'payment gateway order failed')
      await db.transaction(async (trx) => {
        const fresh = await this.lock(payment.id, trx)
        if (fresh && fresh.status === 'pending') {
          fresh.remember('create_error', {
            at: DateTime.utc().toISO(),
            message,
            detail: (error as GatewayError).detail ?? null,
          })
          await this.transition(
            fresh,
            'closed',
            trx,
            { failureReason: message, closedAt: DateTime.utc() },
            'orders.payment.close',
            {
              reason: message,
            }
          )
        }
      })
      throw new PaymentError(`${message}。请稍后重试或选择其他支付方式`)
    }
  }

  /**
   * POST /payments (the method choice form): the orders module tells what
   * the order costs, then start().
   */
  async startForApplicant(userId: string, orderNo: string, method: string): Promise<Payment> {
    if (!isNineteenDigitId(orderNo)) throw new PaymentError('订单编号无效')
    const order = await paymentHooks.payableOrder(orderNo, userId)
    if (!order || ('userId' in order && order.userId !== userId))
      throw new PaymentError('订单不存在')
    if ('error' in order) throw new PaymentError(order.error)
    return this.start({
      orderNo,
      userId,
      amountFen: order.amountFen,
      subject: order.subject,
      method,
    })
  }

  /**
   * Apply a verified gateway result (notification or query answer) to the
   * payment it names. Idempotent: a repeated success changes nothing. An
   * amount that differs from the payment's is refused and audited. A
   * success for an order already paid by another attempt is recorded as
   * refund_due (已收款·待退款), never as a second payment.
   */
  async applyGatewayResult(
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
        const status = await this.settle(payment, trx, {
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
        await this.transition(
          payment,
          'failed',
          trx,
          { failureReason: reason.slice(0, 500) },
          'orders.payment.failed',
          {
            reason,
            source,
          },
          gateway
        )
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
        const reason = result.reason || '交易已关闭'
        payment.remember(source, result.data)
        await this.transition(
          payment,
          'closed',
          trx,
          { failureReason: reason, closedAt: DateTime.utc() },
          'orders.payment.close',
          {
            reason,
            source,
          },
          gateway
        )
        return { kind: 'applied', payment, status: 'closed' }
      }
      return { kind: 'unchanged', payment }
    })

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
   * payment.
   */
  async refresh(payment: Payment): Promise<ApplyOutcome | null> {
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
    const outcome = await this.applyGatewayResult(payment.method, result, 'query')
    await payment.refresh()
    return outcome
  }

  /**
   * The orders module cancels or closes an order: close its open payment
   * attempts (in the caller's transaction; gateways are told after the
   * commit). Refused when the order is paid or a transfer voucher waits for
   * finance.
   */
  async closeOrderPayments(
    orderNo: string,
    reason: string,
    trx: TransactionClientContract
  ): Promise<number> {
    const rows = await lockRows(Payment.query({ client: trx }).where('order_no', orderNo), trx)
    if (rows.some((p) => p.status === 'paid')) throw new PaymentError('订单已支付，不能关闭支付')
    if (rows.some((p) => p.status === 'submitted'))
      throw new PaymentError('汇款凭证正在等待财务确认，暂不能取消')
    const open = rows.filter((p) => OPEN_STATUSES.includes(p.status))
    for (const p of open) {
      await this.transition(
        p,
        'closed',
        trx,
        { failureReason: reason.slice(0, 500), closedAt: DateTime.utc() },
        'orders.payment.close',
        {
          reason,
        }
      )
    }
    trx.after('commit', async () => {
      for (const p of open) await this.closeAtGateway(p)
    })
    return open.length
  }

  /**
   * 银行汇款: the applicant uploads the remittance voucher with the payer's
   * details (the file was checked by content and size by the caller).
   */
  async submitVoucher(
    payment: Payment,
    userId: string,
    input: VoucherInput
  ): Promise<PaymentVoucher> {
    if (payment.userId !== userId || payment.method !== 'bank_transfer')
      throw new PaymentError('支付记录不存在')
    if (!OPEN_STATUSES.includes(payment.status)) {
      throw new PaymentError(
        payment.status === 'submitted'
          ? '汇款凭证已提交，请等待财务确认'
          : '该支付已结束，不能再上传凭证'
      )
    }
    if (input.amountFen !== payment.amountFen) {
      throw new PaymentError(
        `汇款金额应为应付金额 ${formatFen(payment.amountFen, false)} 元`,
        'amount'
      )
    }
    const key = await storage.put(
      storage.makeKey(`payments/${payment.id}`, input.file.type),
      input.file.buffer
    )
    try {
      return await db.transaction(async (trx) => {
        const fresh = await this.lock(payment.id, trx)
        if (!fresh || !OPEN_STATUSES.includes(fresh.status))
          throw new PaymentError('该支付状态已变化，请刷新页面')
        const voucher = new PaymentVoucher()
        voucher.fill({
          paymentId: fresh.id,
          userId,
          fileKey: key,
          fileType: input.file.type,
          fileSize: input.file.size,
          fileName: (input.file.clientName ?? '').slice(0, 255) || null,
          payerName: input.payerName,
          payerAccount: input.payerAccount,
          amountFen: input.amountFen,
          transferDate: input.transferDate,
          note: input.note || null,
          status: 'submitted',
          reviewerId: null,
          reviewerName: null,
          reviewedAt: null,
          rejectReason: null,
          bankReference: null,
        })
        voucher.useTransaction(trx)
        await voucher.save()
        await this.transition(
          fresh,
          'submitted',
          trx,
          { failureReason: null },
          'orders.payment.voucher_submit',
          {
            voucherId: voucher.id,
            payerName: input.payerName,
            amountFen: input.amountFen,
            transferDate: input.transferDate,
          }
        )
        return voucher
      })
    } catch (error) {
      await storage.delete(key).catch(() => undefined)
      throw error
    }
  }

  /**
   * Finance saw the money on the bank statement: the payment (and so the
   * order) is paid.
   */
  async confirmTransfer(
    voucherId: string,
    staff: StaffActor,
    input: { bankReference?: string | null } = {}
  ) {
    return db.transaction(async (trx) => {
      const { voucher, payment } = await this.lockVoucher(voucherId, trx)
      const bankReference = input.bankReference?.trim() || null
      voucher.merge({
        status: 'confirmed',
        reviewerId: staff.id,
        reviewerName: staff.name.slice(0, 50),
        reviewedAt: DateTime.utc(),
        bankReference,
      })
      voucher.useTransaction(trx)
      await voucher.save()
      const status = await this.settle(payment, trx, {
        transactionId: bankReference,
        paidAt: DateTime.utc(),
        source: 'transfer',
        data: {
          voucherId: voucher.id,
          bankReference,
          payerName: voucher.payerName,
          payerAccount: voucher.payerAccount,
        },
        actor: staffActor(staff),
        action: 'orders.payment.transfer_confirm',
      })
      return { voucher, payment, status }
    })
  }

  /**
   * Finance could not match the voucher: return it with a reason; the
   * applicant may upload another one.
   */
  async rejectTransfer(voucherId: string, staff: StaffActor, reason: string) {
    const text = reason.trim().slice(0, 500)
    if (!text) throw new PaymentError('请填写退回原因', 'reason')
    return db.transaction(async (trx) => {
      const { voucher, payment } = await this.lockVoucher(voucherId, trx)
      voucher.merge({
        status: 'rejected',
        reviewerId: staff.id,
        reviewerName: staff.name.slice(0, 50),
        reviewedAt: DateTime.utc(),
        rejectReason: text,
      })
      voucher.useTransaction(trx)
      await voucher.save()
      await this.transition(
        payment,
        'rejected',
        trx,
        { failureReason: text },
        'orders.payment.transfer_reject',
        {
          voucherId: voucher.id,
          reason: text,
        },
        staffActor(staff)
      )
      await messages.send(
        payment.userId,
        {
          category: 'order',
          title: '汇款凭证未通过确认',
          body: `您为订单 ${payment.orderNo} 上传的汇款凭证未通过财务确认，原因：${text}。请核对后重新上传汇款凭证。`,
          link: `/payments/${payment.id}`,
        },
        trx
      )
      return { voucher, payment }
    })
  }

  /**
   * Tell the gateway to close an attempt we closed (best effort: if the
   * QR code is paid anyway, the success is recorded, or kept for refund).
   */
  async closeAtGateway(payment: Payment) {
    const driver = gateways.get(payment.method)
    if (!driver.close || !payment.codeUrl || !driver.isConfigured()) return
    try {
      await driver.close(payment.outTradeNo)
    } catch (error) {
      logger.warn(
        { err: error, paymentId: payment.id },
        'closing the payment at the gateway failed'
      )
    }
  }

  /**
   * Mark a payment paid and tell the orders module, in one transaction. When
   * the order already has a paid attempt, or the orders module refuses the
   * payment, the money is recorded as refund_due (已收款·待退款) instead.
   */
  private async settle(
    payment: Payment,
    trx: TransactionClientContract,
    input: {
      transactionId: string | null
      paidAt: DateTime
      source: Source
      data: unknown
      actor?: AuditActor
      action?: string
    }
  ): Promise<'paid' | 'refund_due'> {
    payment.remember(input.source, input.data)
    const other = await lockRows(
      Payment.query({ client: trx })
        .where('paid_order_no', payment.orderNo)
        .whereNot('id', payment.id),
      trx
    ).first()
    const refusal = other
      ? `订单已由支付 ${other.outTradeNo} 完成，本笔为重复支付`
      : await paymentHooks.succeeded(
          {
            orderNo: payment.orderNo,
            paymentId: payment.id,
            userId: payment.userId,
            amountFen: payment.amountFen,
            method: payment.method,
            paidAt: input.paidAt,
            transactionId: input.transactionId,
          },
          trx
        )
    if (refusal) {
      await this.transition(
        payment,
        'refund_due',
        trx,
        {
          transactionId: input.transactionId,
          paidAt: input.paidAt,
          failureReason: `${refusal}，待退款`.slice(0, 500),
        },
        'orders.payment.refund_due',
        {
          reason: refusal,
          paidBy: other?.id ?? null,
          transactionId: input.transactionId,
          amountFen: payment.amountFen,
          source: input.source,
        },
        input.actor
      )
      await messages.send(
        payment.userId,
        {
          category: 'order',
          title: '收到的款项将退回',
          body: `订单 ${payment.orderNo} 收到 ${formatFen(payment.amountFen)}，但${refusal}。该笔款项将由财务原路退回，请留意到账。`,
          link: `/payments/${payment.id}`,
        },
        trx
      )
      return 'refund_due'
    }
    await this.transition(
      payment,
      'paid',
      trx,
      {
        transactionId: input.transactionId,
        paidAt: input.paidAt,
        paidOrderNo: payment.orderNo,
        failureReason: null,
      },
      input.action ?? 'orders.payment.paid',
      {
        orderNo: payment.orderNo,
        amountFen: payment.amountFen,
        transactionId: input.transactionId,
        source: input.source,
      },
      input.actor
    )
    /**
     * The order is paid: its other open attempts can no longer be paid
     * (closed here, and at their gateways once committed).
     */
    const others = await lockRows(
      Payment.query({ client: trx })
        .where('order_no', payment.orderNo)
        .whereNot('id', payment.id)
        .whereIn('status', [...OPEN_STATUSES]),
      trx
    )
    for (const o of others) {
      await this.transition(
        o,
        'closed',
        trx,
        { failureReason: '订单已由其他支付完成', closedAt: DateTime.utc() },
        'orders.payment.close',
        {
          reason: '订单已由其他支付完成',
          paidBy: payment.id,
        },
        input.actor
      )
    }
    if (others.length) {
      trx.after('commit', async () => {
        for (const o of others) await this.closeAtGateway(o)
      })
    }
    return 'paid'
  }

  /**
   * The one way a payment changes status: checked against the state
   * machine, saved, audited once.
   */
  private async transition(
    payment: Payment,
    to: PaymentStatus,
    trx: TransactionClientContract,
    changes: Partial<
      Pick<Payment, 'transactionId' | 'paidAt' | 'paidOrderNo' | 'failureReason' | 'closedAt'>
    >,
    action: string,
    data: Record<string, unknown>,
    actor?: AuditActor
  ) {
    const from = payment.status
    assertTransition(from, to)
    payment.merge({ ...changes, status: to })
    payment.useTransaction(trx)
    await payment.save()
    await audit.record(
      {
        action,
        subjectType: 'payment',
        subjectId: payment.id,
        actor,
        data: { orderNo: payment.orderNo, method: payment.method, from, to, ...data },
      },
      trx
    )
  }

  private async lock(id: string, trx: TransactionClientContract) {
    return lockRows(Payment.query({ client: trx }).where('id', id), trx).first()
  }

  private async lockVoucher(voucherId: string, trx: TransactionClientContract) {
    const voucher = await lockRows(
      PaymentVoucher.query({ client: trx }).where('id', voucherId),
      trx
    ).first()
    if (!voucher) throw new PaymentError('汇款凭证不存在')
    const payment = await this.lock(voucher.paymentId, trx)
    if (!payment) throw new PaymentError('支付记录不存在')
    if (voucher.status !== 'submitted' || payment.status !== 'submitted') {
      throw new PaymentError('该凭证已处理，请勿重复操作')
    }
    return { voucher, payment }
  }
}

const paymentService = new PaymentService()
export default paymentService
