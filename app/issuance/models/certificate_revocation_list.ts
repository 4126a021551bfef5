import { BaseModel, beforeCreate, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'

/**
 * One published CRL (base64 DER). The newest number of a CA is current.
 */
export default class CertificateRevocationList extends BaseModel {
  static table = 'certificate_revocation_lists'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare caId: string

  @column({ consume: (v: unknown) => Number(v ?? 0) })
  declare crlNumber: number

  @column.dateTime()
  declare thisUpdate: DateTime

  @column.dateTime()
  declare nextUpdate: DateTime

  @column()
  declare entries: number

  @column()
  declare der: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @beforeCreate()
  static assignUuid(model: CertificateRevocationList) {
    if (!model.id) model.id = randomUUID()
  }
}
