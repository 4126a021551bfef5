import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

export default class UserDevice extends UuidModel {
  static table = 'user_devices'

  @column()
  declare userId: string

  @column()
  declare label: string

  @column()
  declare userAgent: string | null

  @column()
  declare ip: string | null

  /** password | sms */
  @column()
  declare loginMethod: string

  @column.dateTime()
  declare lastSeenAt: DateTime

  @column.dateTime()
  declare revokedAt: DateTime | null
}
