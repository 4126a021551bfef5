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

export async function paidOrdersOfUser(userId: string): Promise<InvoiceableOrder[]> {
  const orders = await Order.query()
    .where('user_id', userId)
    .where('payment_status', 'paid')
    .where('amount_fen', '>', 0)
    .orderBy('paid_at', 'desc')
  return orders.map(facts)
}

/** one paid order of the applicant, or null (`client`: inside the payment's transaction) */
export async function paidOrderOfUser(
  userId: string,
  orderNo: string,
  client?: QueryClientContract
) {
  const order = await Order.query({ client })
    .where('user_id', userId)
    .where('order_no', orderNo)
    .where('payment_status', 'paid')
    .first()
  return order ? facts(order) : null
}
