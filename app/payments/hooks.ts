import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { PaymentMethod } from './labels.js'

/**
 * The contract between orders and payments. The orders module owns orders;
 * it tells payments what an order costs, hears when it was paid, and says
 * where an order's page is and who a payer is (payments uses core only:
 * it does not read accounts). It fills these registries once, at boot
 * (app/orders/payments_bridge.ts). Tests register their own handlers and
 * call the returned function to remove them.
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
 * order's new status with `trx`. The money has been taken, so do not throw
 * for business conditions: when the order can no longer take this payment
 * (cancelled meanwhile, its amount changed), write nothing and return
 * `{ refuse: '中文原因' }`; the payment is then recorded as 已收款·待退款 for
 * finance instead of paid. A throw rolls everything back and the gateway
 * retries its notification later.
 */
export type PaymentSucceededHandler = (
  event: PaymentSucceededEvent,
  trx: TransactionClientContract
) => Promise<void | { refuse: string }>
export type PaymentFailedHandler = (
  event: PaymentFailedEvent,
  trx: TransactionClientContract
) => Promise<void>

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
export type PayableOrderResolver = (
  orderNo: string,
  userId: string
) => Promise<PayableOrder | { error: string } | null>

const succeeded: PaymentSucceededHandler[] = []
const failed: PaymentFailedHandler[] = []
let resolver: PayableOrderResolver | null = null
let orderUrl: ((orderNo: string) => string) | null = null

/**
 * A way back to where the order was started (e.g. 返回扫码继续 to the scan
 * page that opened a package): a path of this site and the button's words.
 */
export interface ReturnLink {
  url: string
  label: string
}
let returnLink: ((orderNo: string) => Promise<ReturnLink | null>) | null = null

/**
 * Who paid, as finance sees it on a payment (the applicant's name and
 * phone), or null when unknown.
 */
export interface Payer {
  displayName: string
  phone: string
}
let payerLookup: ((userId: string) => Promise<Payer | null>) | null = null

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
 * Where "返回订单" links point (the orders module registers its order
 * page; without it the payment pages link to the home page).
 */
export function registerOrderUrl(fn: (orderNo: string) => string) {
  orderUrl = fn
}

/**
 * The order's return link the payment result page offers beside 查看订单
 * (the orders module registers it: `orders.return_to`, only on-site paths).
 */
export function registerReturnLink(fn: (orderNo: string) => Promise<ReturnLink | null>) {
  returnLink = fn
}

/** a path of this site: one leading slash, never another host (//host, /\\host) */
function isOnSitePath(url: unknown): url is string {
  return typeof url === 'string' && /^\/(?![/\\])/.test(url) && !/[\s<>"']/.test(url)
}

/**
 * Used by the finance pages (支付记录, 汇款凭证).
 */
export function registerPayerLookup(fn: (userId: string) => Promise<Payer | null>) {
  payerLookup = fn
}

/**
 * Tests: run without whatever the application registered at boot (the
 * orders module's handlers); the returned function puts it all back.
 */
export function isolatePaymentHooks(): () => void {
  const saved = { succeeded: [...succeeded], failed: [...failed], resolver, orderUrl, returnLink }
  succeeded.length = 0
  failed.length = 0
  resolver = null
  return () => {
    succeeded.splice(0, succeeded.length, ...saved.succeeded)
    failed.splice(0, failed.length, ...saved.failed)
    resolver = saved.resolver
    orderUrl = saved.orderUrl
    returnLink = saved.returnLink
  }
}

export const paymentHooks = {
  /**
   * The first refusal, or null when every handler took the payment.
   */
  async succeeded(
    event: PaymentSucceededEvent,
    trx: TransactionClientContract
  ): Promise<string | null> {
    for (const handler of [...succeeded]) {
      const result = await handler(event, trx)
      if (result && typeof result === 'object' && typeof result.refuse === 'string')
        return result.refuse || '订单不能接受该笔支付'
    }
    return null
  },
  async failed(event: PaymentFailedEvent, trx: TransactionClientContract) {
    for (const handler of [...failed]) await handler(event, trx)
  },
  async payableOrder(orderNo: string, userId: string) {
    if (!resolver) return { error: '在线支付暂不可用，请稍后再试' }
    return resolver(orderNo, userId)
  },
  orderUrl(orderNo: string): string | null {
    return orderUrl ? orderUrl(orderNo) : null
  },
  /** the order's way back (checked again here: an on-site path only), or null */
  async returnLink(orderNo: string): Promise<ReturnLink | null> {
    const link = returnLink ? await returnLink(orderNo) : null
    return link && isOnSitePath(link.url) ? link : null
  },
  async payer(userId: string): Promise<Payer | null> {
    return payerLookup ? payerLookup(userId) : null
  },
}
