import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { REVIEW_STATES, SHARED_STATES, type ReviewState } from '#core/lifecycle'
import { maskIdNumber, maskName, maskPhone } from '#core/validation/identity'
import User from '#accounts/models/user'
import {
  REAL_NAME_METHODS,
  realNameCheckLifecycle,
  type CheckStatus,
  type RealNameMethod,
} from './check_lifecycle.js'

/**
 * The states of a real-name request besides the review's own (待审核 →
 * 审核通过 / 审核未通过, see realNameReview): an online check is stored
 * as passed or failed and never moves. Shared by the review's lifecycle
 * and the labels below.
 */
export const REAL_NAME_REQUEST_STATES = {
  passed: SHARED_STATES.verified,
  failed: SHARED_STATES.notVerified,
  approved: { label: '审核通过', tone: 'success' },
  rejected: { label: '审核未通过', tone: 'danger' },
} as const

export type RealNameRequestStatus =
  ReviewState | keyof typeof REAL_NAME_REQUEST_STATES | CheckStatus

const REVIEW_LABELS: Record<string, { label: string; tone: string }> = {
  ...REVIEW_STATES,
  ...REAL_NAME_REQUEST_STATES,
}

/** what a check asked by the applicant for their own account is for */
export const OWN_VERIFICATION = 'real_name'

/**
 * One real-name verification attempt: an automatic check (身份证核验,
 * 人脸识别, 银行卡四要素, 运营商三要素: realNameCheckLifecycle) or a
 * manual request with photos of the document, reviewed by staff
 * (realNameReview). `purpose` is real_name when it verifies the account
 * itself, else the module that asked for the check (e.g. a legal
 * representative's phone for an organisation claim).
 */
export default class RealNameRequest extends UuidModel {
  static table = 'real_name_requests'

  @column()
  declare userId: string

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column()
  declare method: RealNameMethod

  @column()
  declare purpose: string

  @column()
  declare reference: string | null

  @column()
  declare phone: string | null

  /** masked (6222 **** **** 1234): the full number is never stored */
  @column()
  declare bankCard: string | null

  @column({ serializeAs: null })
  declare providerRef: string | null

  @column({ columnName: 'h5_url', serializeAs: null })
  declare h5Url: string | null

  @column.dateTime()
  declare expiresAt: DateTime | null

  @column.dateTime()
  declare finishedAt: DateTime | null

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

  get isManual() {
    return this.method === 'manual'
  }

  /** verifies the account itself (not a check another module asked for) */
  get isOwnVerification() {
    return this.purpose === OWN_VERIFICATION
  }

  get methodLabel() {
    return REAL_NAME_METHODS[this.method] ?? this.method
  }

  /** the review's states for a manual request, the check's otherwise (核验中 …) */
  get statusLabel(): string {
    if (this.isManual) return REVIEW_LABELS[this.status]?.label ?? this.status
    return realNameCheckLifecycle.label(this.status)
  }

  get statusTone(): string {
    if (this.isManual) return REVIEW_LABELS[this.status]?.tone ?? 'muted'
    return realNameCheckLifecycle.tone(this.status)
  }

  /** what the applicant sees of the person checked: 张*, 2113**********2853, 138****0000 */
  get maskedName() {
    return maskName(this.name)
  }

  get maskedIdNumber() {
    return maskIdNumber(this.idNumber)
  }

  get maskedPhone() {
    return maskPhone(this.phone)
  }
}
