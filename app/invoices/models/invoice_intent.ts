import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'
import type { OwnerKind } from '#invoices/models/invoice_title'

/**
 * 是否开票 = 是, chosen in the payment form for one order: the request is
 * made when the payment succeeds (`invoiceId`), or `problem` says why it
 * could not be (the title deleted meanwhile, the order invoiced already).
 */
export default class InvoiceIntent extends UuidModel {
  static table = 'invoice_intents'

  @column()
  declare orderNo: string

  @column()
  declare userId: string

  @column()
  declare ownerKind: OwnerKind

  @column()
  declare ownerId: string

  @column()
  declare titleId: string

  @column()
  declare kind: 'normal' | 'special'

  @column()
  declare invoiceId: string | null

  @column()
  declare problem: string | null
}
