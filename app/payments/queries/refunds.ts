import { isUuid } from '#core/ids'
import { shanghaiDayEnd, shanghaiDayStart, dbTimestamp } from '#core/time'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Refund from '#payments/models/refund'
import { OPEN_REFUND_STATUSES, refundLifecycle } from '#payments/refund_lifecycle'
import { isPaymentMethod } from '#payments/labels'

/**
 * Reads of refunds: an order's, finance's list (filters), one refund.
 */
export async function refundsOfOrder(orderNo: string) {
  return Refund.query().where('order_no', orderNo).orderBy('created_at', 'desc')
}

/**
 * a refund of the order is still open (待审核, 退款中, or 退款失败 that
 * finance may retry); `trx`: read in the caller's transaction
 */
export async function hasOpenRefund(orderNo: string, trx?: TransactionClientContract) {
  const open = await Refund.query(trx ? { client: trx } : {})
    .where('order_no', orderNo)
    .whereIn('status', [...OPEN_REFUND_STATUSES])
    .first()
  return Boolean(open)
}

export async function findRefund(id: unknown) {
  return isUuid(id) ? Refund.find(id) : null
}

export interface RefundFilters {
  status?: string
  method?: string
  from?: string
  to?: string
  orderNo?: string
}

export function refundQuery(filters: RefundFilters) {
  const query = Refund.query()
  if (refundLifecycle.isState(filters.status)) query.where('status', filters.status)
  if (isPaymentMethod(filters.method)) query.where('method', filters.method)
  const from = filters.from ? shanghaiDayStart(filters.from) : null
  const to = filters.to ? shanghaiDayEnd(filters.to) : null
  if (from) query.where('created_at', '>=', dbTimestamp(from, db.connection().dialect.name))
  if (to) query.where('created_at', '<=', dbTimestamp(to, db.connection().dialect.name))
  if (filters.orderNo) query.where('order_no', 'like', `%${filters.orderNo.replace(/\D/g, '')}%`)
  return query.orderBy('created_at', 'desc')
}

export async function searchRefunds(filters: RefundFilters, page = 1, perPage = 20) {
  return refundQuery(filters).paginate(page, perPage)
}

export async function pendingRefundCount(): Promise<number> {
  const row = await Refund.query()
    .whereIn('status', ['requested', 'processing'])
    .count('* as total')
    .first()
  return Number(row?.$extras.total ?? 0)
}
