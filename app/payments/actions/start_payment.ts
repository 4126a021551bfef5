import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import paymentsConfig from '#config/payments'
import audit from '#core/audit/audit_service'
import { isNineteenDigitId, nextId } from '#core/ids'
import Payment from '#payments/models/payment'
import gateways from '#payments/gateways'
import { paymentHooks } from '#payments/hooks'
import { isPaymentMethod, type PaymentMethod } from '#payments/labels'
import { OPEN_STATUSES } from '#payments/lifecycle'
import { lockPayment, lockRows } from '#payments/locks'
import { PaymentError } from '#payments/errors'
import { GatewayError } from '#payments/drivers/contract'
import { closeAtGateway, closeAttempt } from '#payments/actions/close_payment'

/**
 * 立即支付: open a payment attempt of an order with the chosen method (a
 * QR code at its gateway, or the bank account for a transfer).
 */
export interface StartPaymentInput {
  orderNo: string
  userId: string
  amountFen: number
  subject: string
  method: PaymentMethod | string
}

/**
 * Open a payment of an order with the chosen method. An order is never
 * paid twice: a paid order (or one whose transfer voucher waits for
 * finance) is refused; an open attempt with the same method and amount
 * whose QR code is still valid is reused; other open attempts are closed
 * (and closed at their gateway, so that their QR codes can no longer be
 * paid).
 */
export async function startPayment(input: StartPaymentInput): Promise<Payment> {
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
    const existing = await lockRows(Payment.query({ client: trx }).where('order_no', orderNo), trx)
    if (existing.some((p) => p.userId !== userId)) throw new PaymentError('订单信息不符，无法支付')
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

    for (const p of open) {
      await closeAttempt(p, trx, p.isExpired ? '二维码已过期' : '已重新发起支付')
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
    await audit.save(created, trx, {
      action: 'orders.payment.create',
      subjectType: 'payment',
      data: { orderNo, method, amountFen, outTradeNo: created.outTradeNo },
    })
    return { payment: created, reused: false, closed: open }
  })

  for (const p of closed) await closeAtGateway(p)
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
    // the gateway would not open it: the attempt is closed with the gateway's words, then refused
    const message =
      error instanceof GatewayError
        ? error.message
        : `${driver.label}暂时无法下单，请稍后重试或选择其他支付方式`
    logger.warn({ err: error, paymentId: payment.id, method }, 'payment gateway order failed')
    await db.transaction(async (trx) => {
      const fresh = await lockPayment(payment.id, trx)
      if (fresh && fresh.status === 'pending') {
        fresh.remember('create_error', {
          at: DateTime.utc().toISO(),
          message,
          detail: (error as GatewayError).detail ?? null,
        })
        await closeAttempt(fresh, trx, message)
      }
    })
    throw new PaymentError(`${message}。请稍后重试或选择其他支付方式`)
  }
}

/**
 * POST /payments (the method choice form): the orders module tells what
 * the order costs, then startPayment().
 */
export async function startPaymentForApplicant(
  userId: string,
  orderNo: string,
  method: string
): Promise<Payment> {
  if (!isNineteenDigitId(orderNo)) throw new PaymentError('订单编号无效')
  const order = await paymentHooks.payableOrder(orderNo, userId)
  if (!order || ('userId' in order && order.userId !== userId)) throw new PaymentError('订单不存在')
  if ('error' in order) throw new PaymentError(order.error)
  return startPayment({
    orderNo,
    userId,
    amountFen: order.amountFen,
    subject: order.subject,
    method,
  })
}
