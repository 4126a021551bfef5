import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { type DateTime } from 'luxon'
import Order from '#orders/models/order'

/**
 * What the invoices module may invoice (我的发票): an applicant's paid
 * orders (paid, an amount above zero), as plain facts. Which of them are
 * already invoiced is the invoices module's business.
 */
export interface InvoiceableOrder {
  orderNo: string
  userId: string
  productName: string
  /** 新办, 更新, 变更, 补办, 解锁, 年检… (certificate services are CA证书 orders too) */
  serviceLabel: string
  platformName: string
  subjectName: string
  amountFen: number
  paidAt: DateTime | null
  status: string
  /** the certificate has been issued/made (the order is past approval) */
  issued: boolean
}

const ISSUED_STATUSES = ['completed', 'awaiting_shipment', 'shipped', 'awaiting_pickup']

function facts(order: Order): InvoiceableOrder {
  return {
    orderNo: order.orderNo,
    userId: order.userId,
    productName: order.productSnapshot?.name ?? '数字证书',
    serviceLabel: order.serviceTypeLabel,
    platformName: order.platformName,
    subjectName: order.subjectOrgName || order.subjectName,
    amountFen: Number(order.amountFen),
    paidAt: order.paidAt,
    status: order.status,
    issued: ISSUED_STATUSES.includes(order.status),
  }
}

/**
 * Whose paid orders: a person's own (no org: `orgId` null), or an org's —
 * all of them (`wholeOrg`, its admins) or those the person made for it (a
 * member, the order's 经办人). The caller (invoices) says which from the
 * identity the person acts as (切换身份, checked on every request).
 */
export interface InvoiceOrderScope {
  userId: string
  orgId: string | null
  wholeOrg: boolean
}

function paidIn(scope: InvoiceOrderScope, client?: QueryClientContract) {
  const query = Order.query({ client }).where('payment_status', 'paid')
  if (!scope.orgId) return query.whereNull('org_id').where('user_id', scope.userId)
  query.where('org_id', scope.orgId)
  if (!scope.wholeOrg) query.where('user_id', scope.userId)
  return query
}

export async function paidOrdersIn(scope: InvoiceOrderScope): Promise<InvoiceableOrder[]> {
  const orders = await paidIn(scope).where('amount_fen', '>', 0).orderBy('paid_at', 'desc')
  return orders.map(facts)
}

/** one paid order in the scope, or null (`client`: inside the payment's transaction) */
export async function paidOrderIn(
  scope: InvoiceOrderScope,
  orderNo: string,
  client?: QueryClientContract
) {
  const order = await paidIn(scope, client).where('order_no', orderNo).first()
  return order ? facts(order) : null
}
