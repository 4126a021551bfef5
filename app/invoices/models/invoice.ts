import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel, jsonColumn } from '#core/orm'
import type { InvoiceStatus } from '#invoices/lifecycle'
import { withTitleBook } from '#invoices/models/title_book_row'
import type { TitleType } from './invoice_title.js'

/**
 * An invoice request and the invoice finance issued for it (or a red-letter
 * reversal of one: direction `red`, `originalId`).
 */
export interface TitleSnapshot {
  titleType: TitleType
  name: string
  taxNumber: string | null
  email: string
  phone: string | null
  address: string | null
  bank: string | null
  account: string | null
}

export default class Invoice extends withTitleBook(UuidModel) {
  static table = 'invoices'

  @column()
  declare requestNo: string

  @column()
  declare userId: string

  @column()
  declare direction: 'blue' | 'red'

  @column()
  declare originalId: string | null

  @column()
  declare orderType: string

  @column()
  declare kind: 'normal' | 'special'

  @column(jsonColumn)
  declare title: TitleSnapshot

  @column()
  declare email: string

  @column({ consume: (v) => Number(v) })
  declare amountFen: number

  @column({ consume: (v) => Number(v) })
  declare taxFen: number

  @column()
  declare taxRateBp: number

  @column()
  declare status: InvoiceStatus

  @column()
  declare provider: string | null

  @column()
  declare number: string | null

  @column.dateTime()
  declare issuedAt: DateTime | null

  @column()
  declare rejectReason: string | null

  @column({ serializeAs: null })
  declare token: string

  @column({ serializeAs: null })
  declare pdfKey: string | null

  @column.dateTime()
  declare emailedAt: DateTime | null

  /** failed sends of the mail copy (retried by invoices.send_mail) */
  @column()
  declare mailAttempts: number

  @column()
  declare mailError: string | null

  @column.dateTime()
  declare mailFailedAt: DateTime | null
}
