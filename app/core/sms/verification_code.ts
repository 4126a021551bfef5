import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

/**
 * A one-time SMS code. Only its HMAC is stored.
 */
export default class VerificationCode extends UuidModel {
  static table = 'verification_codes'

  @column()
  declare phone: string

  @column()
  declare purpose: string

  @column({ serializeAs: null })
  declare codeHash: string

  @column.dateTime()
  declare expiresAt: DateTime

  @column()
  declare attempts: number

  @column.dateTime()
  declare consumedAt: DateTime | null

  @column()
  declare ip: string | null
}
