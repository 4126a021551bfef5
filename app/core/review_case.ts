import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { REVIEW_STATES, type ReviewState } from '#core/review'

/**
 * Base model of a case reviewed by staff through defineReview (#core/review):
 * its status (待审核 → 已通过 / 已驳回 / 已撤回), the 驳回类型 and reason,
 * and who decided when. The table has these columns next to the case's own.
 * A case whose status has more states than the review's (a claim verified
 * before it is reviewed) passes its own status type and labels.
 */
export class ReviewCase<Status extends string = ReviewState> extends UuidModel {
  /** the review's lifecycle (defineReview: 待审核 → 已通过 / 已驳回 / 已撤回) */
  @column()
  declare status: Status

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

  get statusLabel(): string {
    return REVIEW_STATES[this.status as ReviewState]?.label ?? this.status
  }

  get statusTone(): string {
    return REVIEW_STATES[this.status as ReviewState]?.tone ?? 'muted'
  }
}
