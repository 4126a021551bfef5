import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import User from '#accounts/models/user'
import { REVIEW_STATES, type ReviewState } from '#core/review'

/**
 * 手机号变更申请 (old phone lost), reviewed by staff.
 */
export default class PhoneChangeRequest extends UuidModel {
  static table = 'phone_change_requests'

  @column()
  declare requestNo: string

  @column()
  declare userId: string

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  /** account | guest */
  @column()
  declare source: string

  @column()
  declare oldPhone: string

  @column()
  declare newPhone: string

  @column()
  declare idNumber: string

  @column()
  declare reason: string

  @column({ serializeAs: null })
  declare photoKey: string

  @column()
  declare photoType: string

  @column()
  declare photoSize: number

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
  declare ip: string | null

  get statusLabel() {
    return REVIEW_STATES[this.status]?.label ?? this.status
  }

  get statusTone() {
    return REVIEW_STATES[this.status]?.tone ?? 'muted'
  }
}
