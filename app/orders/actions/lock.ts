import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Order from '#orders/models/order'

/**
 * The order row, locked for the rest of the transaction on PostgreSQL
 * (SQLite serialises writers anyway): whoever changes an order (an order
 * event, a payment, the review, fulfilment, an upload) reads it fresh
 * under this lock, so that two of them never both apply.
 */
export async function lockOrder(id: string, trx: TransactionClientContract) {
  const query = Order.query({ client: trx }).where('id', id)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.firstOrFail()
}

/** the same lock, the order found by its number (null when there is none) */
export async function lockOrderByNo(orderNo: string, trx: TransactionClientContract) {
  const query = Order.query({ client: trx }).where('order_no', orderNo)
  if (trx.dialect.name === 'postgres') query.forUpdate()
  return query.first()
}

/**
 * Run `change` on the freshly locked order in a transaction of its own.
 */
export function withLockedOrder<T>(
  orderId: string,
  change: (order: Order, trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  return db.transaction(async (trx) => change(await lockOrder(orderId, trx), trx))
}
