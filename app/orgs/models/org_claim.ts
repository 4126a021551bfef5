import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { regionName } from '#core/regions'
import { orgRequest } from '#orgs/models/org_row'
import { REVIEW_STATES, SHARED_STATES } from '#core/lifecycle'
import { CLAIM_METHODS, ORG_KINDS, type ClaimMethod, type OrgKind } from '#orgs/labels'

/** 认领成功, however the claim got there (a passed check or an approved review) */
const CLAIMED = { label: '认领成功', tone: 'success' } as const

/**
 * A claim's states: the automatic check's (claimCheckLifecycle) then the
 * review preset's (claimReview), both ending as 认领成功.
 */
export const CLAIM_STATES = {
  verifying: SHARED_STATES.verifying,
  passed: CLAIMED,
  failed: SHARED_STATES.verifyFailed,
  ...REVIEW_STATES,
  approved: CLAIMED,
} as const
export type ClaimStatus = keyof typeof CLAIM_STATES

/**
 * 认领申请: what the claimant declared (licence, org and legal
 * representative), how it is verified, and how it ended.
 */
export default class OrgClaim extends orgRequest<ClaimStatus>() {
  static table = 'org_claims'

  @column()
  declare method: ClaimMethod

  @column()
  declare orgName: string

  @column()
  declare uscc: string

  @column()
  declare kind: OrgKind

  @column()
  declare regionCode: string | null

  @column()
  declare legalRepName: string

  @column()
  declare legalRepIdType: string

  @column()
  declare legalRepIdNumber: string

  @column()
  declare legalRepPhone: string

  @column()
  declare licenceKey: string

  @column()
  declare licenceType: string

  @column()
  declare letterKey: string | null

  @column()
  declare letterType: string | null

  @column()
  declare bankName: string | null

  @column()
  declare bankAccount: string | null

  @column({ serializeAs: null })
  declare depositCodeHash: string | null

  @column.dateTime()
  declare depositExpiresAt: DateTime | null

  @column()
  declare depositTries: number

  @column()
  declare failure: string | null

  @column()
  declare checkId: string | null

  @column()
  declare followedById: string | null

  @column()
  declare ip: string | null

  @column({ serializeAs: null })
  declare signToken: string | null

  @column()
  declare signatureKey: string | null

  @column.dateTime()
  declare signedAt: DateTime | null

  get methodLabel() {
    return CLAIM_METHODS[this.method]?.label ?? this.method
  }

  get kindLabel() {
    return ORG_KINDS[this.kind] ?? this.kind
  }

  get regionLabel() {
    return regionName(this.regionCode)
  }

  get statusLabel() {
    return CLAIM_STATES[this.status]?.label ?? this.status
  }

  get statusTone() {
    return CLAIM_STATES[this.status]?.tone ?? 'muted'
  }

  get succeeded() {
    return this.status === 'passed' || this.status === 'approved'
  }
}
