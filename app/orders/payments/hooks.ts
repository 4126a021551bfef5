import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PaymentMethod } from './states.js'

/**
 * The contract between orders and payments. The orders module owns orders;
 * it tells payments what an order costs and hears when it was paid. It
 * fills these registries once, from its own routes.ts (or any file loaded
 * at boot). Tests register their own handlers and call the returned
 * function to remove them.
 */
export interface PaymentSucceededEvent {
  orderNo: string
  paymentId: string
  userId: string
  amountFen: number
  method: PaymentMethod
  /** UTC */
  paidAt: DateTime
  /** gateway transaction id, bank reference, or null */
  transactionId: string | null
}

export interface PaymentFailedEvent {
  orderNo: string
  paymentId: string
  userId: string
  amountFen: number
  method: PaymentMethod
  reason: string
}

/**
 * Runs inside the transaction that marks the payment paid: write the
 * order's new status with `trx`. Do not throw for business conditions (the
 * money has been taken); a throw rolls everything back and the gateway
 * retries its notification later.
 */
export type PaymentSucceededHandler = (event: PaymentSucceededEvent, trx: TransactionClientContract) => Promise<void>
export type PaymentFailedHandler = (event: PaymentFailedEvent, trx: TransactionClientContract) => Promise<void>

/**
 * What an applicant may pay for: the order's owner, amount and subject
 * (the amount is the one every gateway notification is checked against).
 * Return `{ error }` with a Chinese message when the order cannot be paid
 * now (cancelled, already paid, waiting for material review…), or null
 * when there is no such order for this user.
 */
export interface PayableOrder {
  orderNo: string
  userId: string
  amountFen: number
  subject: string
}
export type PayableOrderResolver = (orderNo: string, userId: string) => Promise<PayableOrder | { error: string } | null>

const succeeded: PaymentSucceededHandler[] = []
const failed: PaymentFailedHandler[] = []
let resolver: PayableOrderResolver | null = null
let orderUrl: (orderNo: string) => string = (orderNo) => `/orders/${orderNo}`

function remover<T>(list: T[], item: T) {
  return () => {
    const index = list.indexOf(item)
    if (index >= 0) list.splice(index, 1)
  }
}

export function onPaymentSucceeded(handler: PaymentSucceededHandler): () => void {
  succeeded.push(handler)
  return remover(succeeded, handler)
}

export function onPaymentFailed(handler: PaymentFailedHandler): () => void {
  failed.push(handler)
  return remover(failed, handler)
}

/**
 * Used by POST /payments (the form of payments/method_choice.edge).
 */
export function registerPayableOrderResolver(fn: PayableOrderResolver): () => void {
  const previous = resolver
  resolver = fn
  return () => {
    resolver = previous
  }
}

/**
 * Where "返回订单" links point (default /orders/<orderNo>).
 */
export function registerOrderUrl(fn: (orderNo: string) => string) {
  orderUrl = fn
}

export const paymentHooks = {
  async succeeded(event: PaymentSucceededEvent, trx: TransactionClientContract) {
    for (const handler of [...succeeded]) await handler(event, trx)
  },
  async failed(event: PaymentFailedEvent, trx: TransactionClientContract) {
    for (const handler of [...failed]) await handler(event, trx)
  },
  async payableOrder(orderNo: string, userId: string) {
    if (!resolver) return { error: '在线支付暂不可用，请稍后再试' }
    return resolver(orderNo, userId)
  },
  orderUrl(orderNo: string) {
    return orderUrl(orderNo)
  },
}
