import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import env from '#start/env'
import sms from '#core/sms/sms_service'
import verificationCodes, { registerCodePurposes } from '#core/sms/verification_codes'
import storage from '#core/storage'
import { reencodeImage, sniffFileType } from '#core/uploads'
import { withLock } from '#core/locks'
import { registerSmsPurposeRule } from '#accounts/actions/sms_codes'
import { startFaceCheck, type RealNameCheckSummary } from '#accounts/actions/real_name_checks'
import { findUserModel } from '#accounts/queries/users'
import { latestRealNameCheck } from '#accounts/queries/real_name'
import OrgClaim from '#orgs/models/org_claim'
import { OrgError, orgNotFound } from '#orgs/errors'
import { LICENCE_RULE, storeUpload } from '#orgs/services/files'
import { finishClaimCheck, recordClaimEntry } from '#orgs/actions/claims'

/**
 * 法定代表人在线签署: the claim is proven by the legal representative's
 * handwritten signature (signature pad, or a photo of it without
 * JavaScript) and an SMS code to their phone. The claimant who is the
 * legal representative signs at once; anyone else's claim sends the
 * signing link by SMS to the legal representative (and shows it as a QR
 * code), who signs on their phone without an account. The link lives 7
 * days; 保存并退出 keeps the claim for later.
 *
 * 刷脸 before signing (004 掌上信手书 §3.3–3.6, 中标一证通): the legal
 * representative first passes a face liveness check through the accounts
 * module's face provider (sandbox: 模拟识别成功 / 失败), recorded as a
 * check of purpose `orgs.sign` for the claim (counted against the
 * claimant's attempts). No passed check: the signature is refused.
 */
export const SIGN_PURPOSE = 'orgs_sign'
export const SIGN_LINK_DAYS = 7
export const SIGN_FACE_PURPOSE = 'orgs.sign'
registerCodePurposes({ [SIGN_PURPOSE]: '机构认领法定代表人签署' })

/** a code only for the legal representative's phone of a claim awaiting signature */
registerSmsPurposeRule(SIGN_PURPOSE, async ({ phone }) => {
  const waiting = await OrgClaim.query()
    .where('method', 'signing')
    .where('status', 'verifying')
    .where('legal_rep_phone', phone)
    .first()
  if (!waiting) return { send: false, message: '没有待签署的认领申请', field: 'phone' }
  return { send: true, phone }
})

export function newSignToken() {
  return randomBytes(24).toString('base64url')
}

export function signingUrl(token: string) {
  return `${env.get('APP_URL')}${urlFor('orgs.sign.show', { token })}`
}

/** the claim a signing link opens (expired, used or unknown: 404) */
export async function claimToSign(token: unknown) {
  if (typeof token !== 'string' || !/^[\w-]{20,64}$/.test(token)) orgNotFound()
  const claim = await OrgClaim.query().where('sign_token', token).first()
  if (!claim || claim.method !== 'signing') orgNotFound()
  return claim
}

export function signingOpen(claim: OrgClaim) {
  return (
    claim.status === 'verifying' && claim.createdAt.plus({ days: SIGN_LINK_DAYS }) > DateTime.utc()
  )
}

/** the link to the legal representative, by SMS (after the claim's commit) */
export async function sendSigningLink(claim: OrgClaim) {
  try {
    await sms.send(
      claim.legalRepPhone,
      `${claim.orgName}的认领申请需要您作为法定代表人在线签署确认，请在 ${SIGN_LINK_DAYS} 天内打开：${signingUrl(claim.signToken!)}`,
      'notice:orgs_sign'
    )
  } catch (error) {
    logger.warn({ err: error }, 'orgs signing link sms failed')
  }
}

/** the legal representative's face check of this claim: a passed one, else the latest (null: none) */
export async function signingFace(claim: OrgClaim): Promise<RealNameCheckSummary | null> {
  const scope = { purpose: SIGN_FACE_PURPOSE, reference: claim.id, method: 'face' }
  return (await latestRealNameCheck({ ...scope, status: 'passed' })) ?? latestRealNameCheck(scope)
}

/** 开始人脸识别 on the signing page: a face session for the declared legal representative */
export async function startSigningFace(token: string, ip: string | null) {
  const claim = await claimToSign(token)
  if (!signingOpen(claim)) throw new OrgError('签署链接已失效')
  const applicant = await findUserModel(claim.userId)
  if (!applicant) orgNotFound()
  const check = await startFaceCheck({
    applicant,
    purpose: SIGN_FACE_PURPOSE,
    reference: claim.id,
    ip,
    name: claim.legalRepName,
    idNumber: claim.legalRepIdNumber,
    fields: { name: 'face', idNumber: 'face' },
  })
  await recordClaimEntry(claim, 'orgs.claim.sign_face', { check: check.id })
  return check
}

/** signing needs the legal representative's passed face check; a refusal is audited */
async function guardSigningFace(claim: OrgClaim) {
  const face = await signingFace(claim)
  if (face?.passed) return face
  const message = !face
    ? '请先完成法定代表人人脸识别，再签署'
    : face.finished
      ? '人脸识别未通过，请重新进行人脸识别后再签署'
      : '人脸识别尚未完成，请先在手机上完成人脸识别'
  await recordClaimEntry(claim, 'orgs.claim.sign_refused', {
    reason: message,
    check: face?.id ?? null,
  })
  throw new OrgError(message, 'face')
}

/**
 * Keep a handwritten signature (the pad's PNG data URL, or a photo of it
 * without JavaScript) as a private file; its storage key. Nothing given:
 * refused at `signature`.
 */
export async function storeSignature(
  dataUrl: string | null | undefined,
  file: MultipartFile | null
) {
  const match = dataUrl ? /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl.trim()) : null
  if (match) {
    const bytes = Buffer.from(match[1], 'base64')
    if (bytes.length > 2 * 1024 * 1024 || sniffFileType(bytes) !== 'png') {
      throw new OrgError('签名图片无效，请重新签名', 'signature')
    }
    const image = await reencodeImage(bytes, 'png')
    if (!image.ok) throw new OrgError(image.message, 'signature')
    const key = storage.makeKey('orgs/signatures', 'png')
    await storage.put(key, image.buffer)
    return key
  }
  if (!file) throw new OrgError('请手写签名（或上传签名照片）', 'signature')
  const stored = await storeUpload(file, LICENCE_RULE, 'orgs/signatures', 'signature')
  return stored.key
}

/** what a legal representative's signing form posts (claim, 管理员移交) */
export interface SignatureInput {
  smsCode: string
  signatureData?: string | null
  signatureFile?: MultipartFile | null
}

/** a missing signature is refused before the SMS code is used up */
export function requireSignature(input: SignatureInput, message = '请手写签名（或上传签名照片）') {
  if (!input.signatureData?.trim() && !input.signatureFile) {
    throw new OrgError(message, 'signature')
  }
}

/**
 * The legal representative signs: the SMS code to their phone first, then
 * the signature; the claim passes and the org is claimed.
 */
export async function signClaim(token: string, input: SignatureInput) {
  const found = await claimToSign(token)
  if (!signingOpen(found)) throw new OrgError('签署链接已失效')
  requireSignature(input)
  const face = await guardSigningFace(found)
  const code = await verificationCodes.verify(found.legalRepPhone, SIGN_PURPOSE, input.smsCode)
  if (!code.ok) throw new OrgError(code.message, 'sms_code')
  const key = await storeSignature(input.signatureData, input.signatureFile ?? null)
  return withLock(`orgs:claim:${found.uscc}`, () =>
    db.transaction(async (trx) => {
      const claim = await OrgClaim.query({ client: trx })
        .where('id', found.id)
        .forUpdate()
        .firstOrFail()
      if (!signingOpen(claim)) throw new OrgError('签署链接已失效')
      claim.signatureKey = key
      claim.signedAt = DateTime.utc()
      await finishClaimCheck(claim, trx, { passed: true })
      await recordClaimEntry(claim, 'orgs.claim.sign', { faceCheck: face.id }, trx)
      return claim
    })
  )
}
