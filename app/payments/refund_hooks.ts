import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * The contract between orders (and invoices) and the refunds of payments,
 * beside hooks.ts: payments does not know orders or products. The orders
 * module says what an order's refund rule allows and keeps the order's
 * 退款中/已退款 state; after a refund, other modules act (the red-letter
 * invoice, a revocation). Filled at boot; tests register their own.
 */
export interface RefundableOrder {
  orderNo: string
  userId: string
  /** 可退款 */
  refundable: boolean
  /** what the product's refund rule allows now, in fen */
  amountFen: number
  /** why not, or how the amount was reached (Chinese) */
  rule: string
  /** the order summary shown on the 退费申请 page: label → value */
  summary: Array<[string, string]>
  /** what the rule was read from (opaque to payments; the decision compares it) */
  basis?: string
}

/**
 * The refund request's decision: in its transaction, the rule read again
 * from the order under the order's row lock (the lock the order's payment,
 * review, issuance and a package's grant take), so nothing that changes
 * the rule commits between the decision and the refund. `quoted`: the
 * rule as read before the transaction (facts of other modules it needed).
 * Everything through `trx`.
 */
export interface RefundDecision {
  trx: TransactionClientContract
  quoted: RefundableOrder
}

/**
 * userId: who asks (null: the back office, or the decision); without
 * `decide`, a plain read for the 退费申请 page and the check of who may ask.
 */
export type RefundableOrderResolver = (
  orderNo: string,
  userId: string | null,
  decide?: RefundDecision
) => Promise<RefundableOrder | null>

export interface RefundStateEvent {
  orderNo: string
  refundId: string
  /** the order's payment state from now on */
  state: 'refunding' | 'paid' | 'refunded'
  amountFen: number
  reason: string
  /**
   * state 'paid': true when the refund is over (驳回), false when it failed
   * at the gateway and finance may still retry it (it stays open)
   */
  refundOver?: boolean
}

/** inside the transaction of the refund's transition */
export type RefundStateHandler = (
  event: RefundStateEvent,
  trx: TransactionClientContract
) => Promise<void>
/** after a refund is done (outside the transaction; must be idempotent: it is re-run after a crash) */
export type RefundedHandler = (event: RefundStateEvent) => Promise<void>

let resolver: RefundableOrderResolver | null = null
const stateHandlers: RefundStateHandler[] = []
const refundedHandlers: RefundedHandler[] = []

export function registerRefundableOrderResolver(fn: RefundableOrderResolver) {
  const previous = resolver
  resolver = fn
  return () => {
    resolver = previous
  }
}

export function onRefundState(handler: RefundStateHandler) {
  stateHandlers.push(handler)
  return () => stateHandlers.splice(stateHandlers.indexOf(handler), 1)
}

export function onRefunded(handler: RefundedHandler) {
  refundedHandlers.push(handler)
  return () => refundedHandlers.splice(refundedHandlers.indexOf(handler), 1)
}

export const refundHooks = {
  async refundable(orderNo: string, userId: string | null, decide?: RefundDecision) {
    return resolver ? resolver(orderNo, userId, decide) : null
  },
  async state(event: RefundStateEvent, trx: TransactionClientContract) {
    for (const handler of [...stateHandlers]) await handler(event, trx)
  },
  async refunded(event: RefundStateEvent) {
    for (const handler of [...refundedHandlers]) await handler(event)
  },
}
