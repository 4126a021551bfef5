import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { MemberGrant } from '#core/member_grant'
import Seal from '#seals/models/seal'
import { grantLifecycle, type GrantStatus } from '#seals/lifecycles'

/**
 * 用章授权: one seal of an org authorised to one member from starts_at to
 * ends_at (exclusive) (the columns of #core/member_grant).
 */
export default class SealGrant extends MemberGrant {
  static table = 'seal_grants'

  @column()
  declare sealId: string

  @belongsTo(() => Seal)
  declare seal: BelongsTo<typeof Seal>

  declare status: GrantStatus

  get statusLabel() {
    return grantLifecycle.label(this.status)
  }

  get statusTone() {
    return grantLifecycle.tone(this.status)
  }
}
