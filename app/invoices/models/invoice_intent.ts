import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'
import { withTitleBook } from '#invoices/models/title_book_row'

/**
 * 是否开票 = 是, chosen in the payment form for one order: the request is
 * made when the payment succeeds (`invoiceId`), or `problem` says why it
 * could not be (the title deleted meanwhile, the order invoiced already).
 */
export default class InvoiceIntent extends withTitleBook(UuidModel) {
  static table = 'invoice_intents'

  @column()
  declare orderNo: string

  @column()
  declare userId: string

  @column()
  declare titleId: string

  @column()
  declare kind: 'normal' | 'special'

  @column()
  declare invoiceId: string | null

  @column()
  declare problem: string | null
}
