import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

/**
 * A holder on a platform (我的交易平台): opened at the first login, the
 * opaque id the platform knows them by, and (procurement sites) the
 * account name registered and the certificate bound to it.
 */
export default class PlatformAccount extends UuidModel {
  static table = 'platform_accounts'

  @column() declare integrationId: string
  @column() declare userId: string
  @column() declare openId: string
  @column() declare accountName: string | null
  @column() declare certificateId: string | null
  @column.dateTime() declare boundAt: DateTime | null
}
