import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { REVIEW_STATES, type ReviewState } from '#core/review'
import User from '#accounts/models/user'

/**
 * The states of a real-name request besides the review's own (待审核 →
 * 审核通过 / 审核未通过, see realNameReview): an online check is stored
 * as passed or failed and never moves. Shared by the review's lifecycle
 * and the labels below.
 */
export const REAL_NAME_REQUEST_STATES = {
  passed: { label: '核验通过', tone: 'success' },
  failed: { label: '核验未通过', tone: 'danger' },
  approved: { label: '审核通过', tone: 'success' },
  rejected: { label: '审核未通过', tone: 'danger' },
} as const

export type RealNameRequestStatus = ReviewState | keyof typeof REAL_NAME_REQUEST_STATES

const STATES = { ...REVIEW_STATES, ...REAL_NAME_REQUEST_STATES }

/**
 * One real-name verification attempt: an online check (passed / failed)
 * or a manual request with photos of the document, reviewed by staff.
 */
export default class RealNameRequest extends UuidModel {
  static table = 'real_name_requests'

  @column()
  declare userId: string

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column()
  declare method: 'online' | 'manual'

  @column()
  declare idType: string

  @column()
  declare name: string

  @column()
  declare idNumber: string

  @column({ serializeAs: null })
  declare frontKey: string | null

  @column({ serializeAs: null })
  declare backKey: string | null

  @column()
  declare status: RealNameRequestStatus

  @column()
  declare provider: string | null

  @column()
  declare resultMessage: string | null

  @column()
  declare reviewerId: string | null

  @column()
  declare reviewerName: string | null

  @column()
  declare reviewReason: string | null

  /** 驳回类型 (a key of the review's reason types) */
  @column()
  declare reviewReasonType: string | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  get statusLabel() {
    return STATES[this.status]?.label ?? this.status
  }

  get statusTone() {
    return STATES[this.status]?.tone ?? 'muted'
  }
}
