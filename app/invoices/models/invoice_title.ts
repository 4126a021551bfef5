import { column } from '@adonisjs/lucid/orm'
import { UuidModel, booleanColumn } from '#core/orm'
import { withTitleBook } from '#invoices/models/title_book_row'

/**
 * A 发票抬头 in an owner's title book (owner kind `user` or `org` + id).
 */
export type TitleType = 'personal' | 'company'
export type { OwnerKind } from '#invoices/models/title_book_row'

export default class InvoiceTitle extends withTitleBook(UuidModel) {
  static table = 'invoice_titles'

  @column()
  declare titleType: TitleType

  @column()
  declare name: string

  @column()
  declare taxNumber: string | null

  @column()
  declare email: string

  @column()
  declare phone: string | null

  @column()
  declare address: string | null

  @column()
  declare bank: string | null

  @column()
  declare account: string | null

  @column(booleanColumn)
  declare isDefault: boolean

  @column(booleanColumn)
  declare isSystem: boolean
}
