import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import User from '#accounts/models/user'
import { REVIEW_STATES, type ReviewState } from '#core/review'

/**
 * 账号申诉: asks for a deregistered account back; reviewed by staff.
 */
export default class AccountAppeal extends UuidModel {
  static table = 'account_appeals'

  @column()
  declare requestNo: string

  @column()
  declare userId: string

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column()
  declare realName: string

  @column()
  declare idNumber: string

  @column()
  declare contactPhone: string

  @column()
  declare description: string

  /** the review's lifecycle (defineReview: 待审核 → 已通过 / 已驳回 / 已撤回) */
  @column()
  declare status: ReviewState

  @column()
  declare reviewReason: string | null

  /** 驳回类型 (a key of the review's reason types) */
  @column()
  declare reviewReasonType: string | null

  @column()
  declare reviewedById: string | null

  @column()
  declare reviewedByName: string | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column()
  declare restoredPhone: string | null

  @column()
  declare ip: string | null

  get statusLabel() {
    return REVIEW_STATES[this.status]?.label ?? this.status
  }

  get statusTone() {
    return REVIEW_STATES[this.status]?.tone ?? 'muted'
  }
}
