import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

/**
 * An order an invoice covers (an order number appears once in the table:
 * an order is invoiced once).
 */
export default class InvoiceOrder extends UuidModel {
  static table = 'invoice_orders'

  @column()
  declare invoiceId: string

  @column()
  declare orderNo: string

  @column()
  declare productName: string

  @column({ consume: (v) => Number(v) })
  declare amountFen: number
}
