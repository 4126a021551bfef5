import type { DateTime } from 'luxon'
import realNameConfig from '#config/realname'
import { isUuid } from '#core/ids'
import { maskIdNumber, maskName } from '#core/validation/identity'
import User from '#accounts/models/user'
import RealNameRequest from '#accounts/realname/real_name_request'

/**
 * Reads of real-name verification: an applicant's own attempts (their
 * pages), and the plain summaries other modules read (an organisation
 * claim's legal-representative check, whether a person is verified).
 */

/** one check as other modules see it: masked, never the model */
export interface RealNameCheckSummary {
  id: string
  userId: string
  method: string
  methodLabel: string
  purpose: string
  reference: string | null
  /** pending | passed | failed | expired */
  status: string
  statusLabel: string
  passed: boolean
  finished: boolean
  /** the provider's reason (核验通过, 手机号与姓名、身份证号不一致 …) */
  message: string | null
  maskedName: string
  maskedIdNumber: string
  maskedPhone: string
  /** the phone opens this (人脸识别, while pending) */
  h5Url: string | null
  expiresAt: DateTime | null
  createdAt: DateTime
  finishedAt: DateTime | null
}

/** the provider's page as a phone opens it (the sandbox's own page is stored as a path) */
export function absolutePageUrl(url: string | null): string | null {
  if (!url) return null
  return url.startsWith('/') ? `${realNameConfig.face.publicBaseUrl}${url}` : url
}

export function toCheckSummary(check: RealNameRequest): RealNameCheckSummary {
  return {
    id: check.id,
    userId: check.userId,
    method: check.method,
    methodLabel: check.methodLabel,
    purpose: check.purpose,
    reference: check.reference,
    status: check.status,
    statusLabel: check.statusLabel,
    passed: check.status === 'passed',
    finished: check.status !== 'pending',
    message: check.resultMessage,
    maskedName: check.maskedName,
    maskedIdNumber: check.maskedIdNumber,
    maskedPhone: check.maskedPhone,
    h5Url: check.status === 'pending' ? absolutePageUrl(check.h5Url) : null,
    expiresAt: check.expiresAt,
    createdAt: check.createdAt,
    finishedAt: check.finishedAt,
  }
}

/**
 * A check by id, as long as it was asked by `userId` (when given) for
 * `purpose` (when given); null otherwise (never another applicant's).
 */
export async function findRealNameCheck(
  id: string,
  scope: { userId?: string; purpose?: string } = {}
): Promise<RealNameCheckSummary | null> {
  if (!isUuid(id)) return null
  const query = RealNameRequest.query().where('id', id).whereNot('method', 'manual')
  if (scope.userId) query.where('user_id', scope.userId)
  if (scope.purpose) query.where('purpose', scope.purpose)
  const check = await query.first()
  return check ? toCheckSummary(check) : null
}

/**
 * The latest automatic check another module asked for its own purpose and
 * reference (a claim's legal-representative face check …), or null.
 */
export async function latestRealNameCheck(scope: {
  purpose: string
  reference: string
  method?: string
  status?: string
}): Promise<RealNameCheckSummary | null> {
  const query = RealNameRequest.query()
    .where('purpose', scope.purpose)
    .where('reference', scope.reference)
    .whereNot('method', 'manual')
  if (scope.method) query.where('method', scope.method)
  if (scope.status) query.where('status', scope.status)
  const check = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').first()
  return check ? toCheckSummary(check) : null
}

/** the applicant's own automatic check (the face waiting page), or null */
export async function findOwnCheck(userId: string, id: string) {
  if (!isUuid(id)) return null
  return RealNameRequest.query()
    .where('id', id)
    .where('user_id', userId)
    .whereNot('method', 'manual')
    .first()
}

/** a sandbox face session by its page token (the sandbox's H5 page) */
export async function findSandboxFaceSession(token: string) {
  if (!/^[A-Za-z0-9_-]{16,100}$/.test(token)) return null
  return RealNameRequest.query()
    .where('method', 'face')
    .where('provider', 'sandbox')
    .where('provider_ref', token)
    .first()
}

/** a person's verified identity, masked for display and in full for matching */
export interface VerifiedIdentity {
  verified: boolean
  name: string | null
  idType: string | null
  idNumber: string | null
  maskedName: string
  maskedIdNumber: string
  method: string | null
  verifiedAt: DateTime | null
}

export async function verifiedIdentityOf(userId: string): Promise<VerifiedIdentity | null> {
  if (!isUuid(userId)) return null
  const user = await User.find(userId)
  if (!user) return null
  const verified = user.realNameStatus === 'verified'
  return {
    verified,
    name: verified ? user.realName : null,
    idType: verified ? user.realIdType : null,
    idNumber: verified ? user.realIdNumber : null,
    maskedName: verified ? maskName(user.realName) : '',
    maskedIdNumber: verified ? maskIdNumber(user.realIdNumber) : '',
    method: verified ? user.realNameMethod : null,
    verifiedAt: verified ? user.realNameVerifiedAt : null,
  }
}
