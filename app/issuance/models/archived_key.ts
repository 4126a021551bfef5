import { BaseModel, beforeCreate, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { randomUUID } from 'node:crypto'

/**
 * An encryption private key in the key archive (密钥恢复), wrapped under
 * the issuing CA's key.
 */
export default class ArchivedKey extends BaseModel {
  static table = 'archived_keys'
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare id: string

  @column()
  declare serial: string

  @column()
  declare caId: string

  @column()
  declare credentialId: string | null

  @column({ serializeAs: null })
  declare wrapped: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @beforeCreate()
  static assignUuid(model: ArchivedKey) {
    if (!model.id) model.id = randomUUID()
  }
}
