import db from '@adonisjs/lucid/services/db'
import { registerOrderPlatforms } from '#payments/books/hooks'
import Order from '#orders/models/order'

/**
 * The finance books (#payments/books) group and filter by trading
 * platform, which only orders know: each order's platform, and the
 * platforms orders were placed on.
 */
registerOrderPlatforms(
  async (orderNos) => {
    const rows = await Order.query()
      .whereIn('order_no', orderNos)
      .select('order_no', 'platform_id', 'platform_name')
    return new Map(rows.map((o) => [o.orderNo, { id: o.platformId, name: o.platformName }]))
  },
  async () => {
    const rows = await db
      .from('orders')
      .distinct('platform_id', 'platform_name')
      .orderBy('platform_name')
    return rows.map((r: any) => ({ id: r.platform_id, name: r.platform_name }))
  }
)
