import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import Seal from '#seals/models/seal'
import { grantLifecycle, type GrantStatus } from '#seals/lifecycles'

/**
 * 用章授权: one seal of an org authorised to one member from starts_at to
 * ends_at (exclusive).
 */
export default class SealGrant extends UuidModel {
  static table = 'seal_grants'

  @column()
  declare sealId: string

  @belongsTo(() => Seal)
  declare seal: BelongsTo<typeof Seal>

  @column()
  declare orgId: string

  @column()
  declare userId: string

  @column()
  declare memberName: string

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare endsAt: DateTime

  @column()
  declare status: GrantStatus

  @column()
  declare grantedById: string | null

  @column.dateTime()
  declare withdrawnAt: DateTime | null

  get statusLabel() {
    return grantLifecycle.label(this.status)
  }

  get statusTone() {
    return grantLifecycle.tone(this.status)
  }
}
