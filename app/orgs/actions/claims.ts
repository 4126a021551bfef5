import { createHmac, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { KeptPhoto } from '#ocr/actions/kept_photos'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import audit from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import { nextId, isUuid } from '#core/ids'
import { withLock } from '#core/locks'
import { defineReview, sentence } from '#core/review'
import { maskPhone } from '#core/validation/identity'
import { checkPhoneHolder } from '#accounts/actions/real_name_checks'
import { findApplicant, findApplicantByPhone, type Applicant } from '#accounts/queries/users'
import Org from '#orgs/models/org'
import OrgClaim from '#orgs/models/org_claim'
import { claimCheckLifecycle, orgLifecycle } from '#orgs/lifecycles'
import { ORG_TEXTS, type ClaimMethod, type OrgKind } from '#orgs/labels'
import { OrgError, orgNotFound } from '#orgs/errors'
import { LETTER_RULE, LICENCE_RULE, storeUpload } from '#orgs/services/files'
import { recordHistory } from '#orgs/services/history'
import { runOrgClaimedHooks } from '#orgs/claim_hooks'
import { ensureMembership } from '#orgs/services/memberships'
import { bankDriver, depositCode } from '#orgs/services/bank'
import { newSignToken, sendSigningLink } from '#orgs/actions/signing'

/**
 * 认领 (claim) of an organisation: the claimant uploads the business
 * licence and declares the org and its legal representative, then proves
 * the claim by one of
 *   - phone: the legal representative's 运营商三要素 + SMS code (at once);
 *   - deposit: the bank pays 0.01 to the corporate account with a 6-digit
 *     memo code; the claimant types it back (expires, limited tries);
 *   - review: CA staff review the licence and the signed 授权委托书.
 * A failed automatic check may be followed by a manual review. When a
 * claim succeeds the org is 已认领, the claimant its 管理员, and the legal
 * representative (when they have a verified account) holds 法定代表人.
 * One claim decides an org: the org's state is checked and changed under
 * a lock per credit code, so two claims cannot both win.
 */
export const DEPOSIT = {
  amountFen: 1,
  /** the memo code's lifetime (transfers arrive within 30 minutes to 2 days) */
  lifetimeHours: 72,
  maxTries: 5,
} as const

export interface ClaimInput {
  orgName: string
  uscc: string
  kind: OrgKind
  regionCode?: string | null
  legalRepName: string
  legalRepIdType: string
  legalRepIdNumber: string
  legalRepPhone: string
  method: ClaimMethod
  smsCode?: string | null
  bankName?: string | null
  bankAccount?: string | null
}

export interface ClaimFiles {
  /** the upload, or the photo kept when the licence was read (识别营业执照) */
  licence?: MultipartFile | KeptPhoto | null
  letter?: MultipartFile | null
}

function hashDeposit(claimId: string, code: string) {
  return createHmac('sha256', env.get('APP_KEY').release())
    .update(`orgs.deposit:${claimId}:${code}`)
    .digest('hex')
}

/** a claim on its automatic-check machine (its other states belong to the review) */
function asCheck(claim: OrgClaim) {
  return claim as unknown as OrgClaim & { status: 'verifying' | 'passed' | 'failed' }
}

function lockKey(uscc: string) {
  return `orgs:claim:${uscc}`
}

function guardApplicant(applicant: Applicant) {
  if (!applicant.isVerified) throw new OrgError(ORG_TEXTS.needRealName)
}

/** the org of a credit code is still open to a claim by this applicant */
async function guardClaimable(applicant: Applicant, uscc: string) {
  const org = await Org.findBy('uscc', uscc)
  if (org?.status === 'claimed') {
    throw new OrgError(ORG_TEXTS.alreadyClaimed, { field: 'uscc', code: 'already_claimed' })
  }
  if (org) {
    const open = await OrgClaim.query()
      .where('org_id', org.id)
      .where('user_id', applicant.id)
      .whereIn('status', ['verifying', 'pending'])
      .first()
    if (open) throw new OrgError(ORG_TEXTS.claimInProgress, 'uscc')
  }
  return org
}

/**
 * The org's details a claim declares (kind, region, legal representative):
 * a new org starts with them, the claim keeps them, and the org takes
 * them when the claim succeeds.
 */
function orgDetailsOf(from: Pick<ClaimInput, 'kind' | 'regionCode' | LegalRepField>) {
  return {
    kind: from.kind,
    regionCode: from.regionCode ?? null,
    legalRepName: from.legalRepName,
    legalRepIdType: from.legalRepIdType,
    legalRepIdNumber: from.legalRepIdNumber,
    legalRepPhone: from.legalRepPhone,
  }
}

type LegalRepField = 'legalRepName' | 'legalRepIdType' | 'legalRepIdNumber' | 'legalRepPhone'

async function orgFor(input: ClaimInput, trx: TransactionClientContract) {
  const existing = await Org.query({ client: trx }).where('uscc', input.uscc).first()
  if (existing) return existing
  const org = new Org()
  org.useTransaction(trx)
  org.fill({
    name: input.orgName,
    uscc: input.uscc,
    ...orgDetailsOf(input),
    status: 'unclaimed',
  })
  await audit.save(org, trx, {
    action: 'orgs.org.create',
    subjectType: 'org',
    data: { name: org.name, uscc: org.uscc },
  })
  return org
}

async function newClaim(
  applicant: Applicant,
  input: ClaimInput,
  files: { licence: { key: string; type: string }; letter?: { key: string; type: string } },
  status: OrgClaim['status'],
  ip: string | null,
  trx: TransactionClientContract
) {
  const org = await orgFor(input, trx)
  const claim = new OrgClaim()
  claim.useTransaction(trx)
  claim.fill({
    requestNo: nextId(),
    orgId: org.id,
    userId: applicant.id,
    method: input.method,
    status,
    orgName: input.orgName,
    uscc: input.uscc,
    ...orgDetailsOf(input),
    licenceKey: files.licence.key,
    licenceType: files.licence.type,
    letterKey: files.letter?.key ?? null,
    letterType: files.letter?.type ?? null,
    bankName: input.bankName ?? null,
    bankAccount: input.bankAccount ?? null,
    depositTries: 0,
    ip,
  })
  await claim.save()
  return { org, claim }
}

/**
 * The claim succeeded (a passed check or an approved review): the org
 * takes the claim's details and becomes 已认领, the claimant its 管理员,
 * the legal representative's account (when there is one, verified with the
 * declared ID number) its 法定代表人. In the caller's transaction.
 */
async function completeClaim(
  claim: OrgClaim,
  trx: TransactionClientContract,
  options: { validated: boolean }
) {
  const org = await Org.query({ client: trx }).where('id', claim.orgId).forUpdate().firstOrFail()
  const now = DateTime.utc()
  org.merge({
    name: claim.orgName,
    ...orgDetailsOf(claim),
    licenceKey: claim.licenceKey,
    licenceType: claim.licenceType,
    claimedAt: now,
    deregisteredAt: null,
    ...(options.validated ? { validatedAt: now } : {}),
  })
  await orgLifecycle.apply(org, 'claim', trx, {
    data: { requestNo: claim.requestNo, method: claim.method, userId: claim.userId },
  })
  if (options.validated) {
    await audit.record(
      {
        action: 'orgs.org.validated',
        subjectType: 'org',
        subjectId: org.id,
        data: { requestNo: claim.requestNo },
      },
      trx
    )
  }

  const legalRep = await findApplicantByPhone(claim.legalRepPhone)
  const legalRepAccount =
    legalRep &&
    legalRep.status === 'active' &&
    legalRep.isVerified &&
    legalRep.realIdNumber === claim.legalRepIdNumber
      ? legalRep
      : null

  await ensureMembership(trx, {
    orgId: org.id,
    userId: claim.userId,
    role: 'admin',
    legalRep: legalRepAccount?.id === claim.userId,
    source: 'claim',
  })
  if (legalRepAccount && legalRepAccount.id !== claim.userId) {
    await ensureMembership(trx, {
      orgId: org.id,
      userId: legalRepAccount.id,
      role: 'member',
      legalRep: true,
      source: 'claim',
    })
  }
  await recordHistory(trx, {
    orgId: org.id,
    userId: claim.userId,
    event: 'claim',
    summary: `认领机构（${claim.methodLabel}），成为管理员`,
  })
  const claimant = await findApplicant(claim.userId)
  await runOrgClaimedHooks(
    {
      orgId: org.id,
      name: org.name,
      uscc: org.uscc,
      userId: claim.userId,
      email: claimant?.email ?? '',
    },
    trx
  )
  return org
}

async function tellClaimant(claim: OrgClaim, trx: TransactionClientContract) {
  await messages.send(
    claim.userId,
    {
      category: 'review',
      title: '机构认领成功',
      body: `您已成功认领“${claim.orgName}”（申请编号 ${claim.requestNo}），现为该机构管理员。可在“切换身份”中以机构管理员身份办理业务。`,
      link: urlFor('orgs.show', { id: claim.orgId }),
    },
    trx
  )
}

/**
 * Start a claim by one of the three methods. Returns the claim: passed
 * (phone, at once), failed (phone: the provider said no — a manual review
 * is offered), verifying (deposit: the memo code awaited) or pending
 * (review).
 */
export async function submitClaim(
  applicant: Applicant,
  input: ClaimInput,
  files: ClaimFiles,
  ip: string | null
): Promise<OrgClaim> {
  guardApplicant(applicant)
  await guardClaimable(applicant, input.uscc)

  if (input.method === 'phone') return claimByPhone(applicant, input, files, ip)

  const licence = await storeUpload(files.licence, LICENCE_RULE, 'orgs/licences', 'licence')
  if (input.method === 'review') {
    const letter = await storeUpload(files.letter, LETTER_RULE, 'orgs/letters', 'letter')
    return withLock(lockKey(input.uscc), async () => {
      await guardClaimable(applicant, input.uscc)
      return db.transaction(async (trx) => {
        const { claim } = await newClaim(applicant, input, { licence, letter }, 'pending', ip, trx)
        await recordClaimEntry(
          claim,
          'orgs.claim.submit',
          { uscc: claim.uscc, method: 'review' },
          trx
        )
        return claim
      })
    })
  }

  if (input.method === 'signing') {
    const claim = await withLock(lockKey(input.uscc), async () => {
      await guardClaimable(applicant, input.uscc)
      return db.transaction(async (trx) => {
        const { claim: row } = await newClaim(applicant, input, { licence }, 'verifying', ip, trx)
        row.signToken = newSignToken()
        await audit.save(row, trx, {
          action: 'orgs.claim_check.start',
          subjectType: 'org_claim',
          data: {
            requestNo: row.requestNo,
            method: 'signing',
            phone: maskPhone(row.legalRepPhone),
          },
        })
        return row
      })
    })
    if (!isLegalRepresentative(applicant, claim)) await sendSigningLink(claim)
    return claim
  }

  /* deposit */
  if (!input.bankName?.trim()) throw new OrgError('请填写开户银行', 'bank_name')
  if (!input.bankAccount?.trim()) throw new OrgError('请填写对公账号', 'bank_account')
  return withLock(lockKey(input.uscc), async () => {
    await guardClaimable(applicant, input.uscc)
    return db.transaction(async (trx) => {
      const { claim } = await newClaim(applicant, input, { licence }, 'verifying', ip, trx)
      const code = depositCode()
      claim.depositCodeHash = hashDeposit(claim.id, code)
      claim.depositExpiresAt = DateTime.utc().plus({ hours: DEPOSIT.lifetimeHours })
      await claim.save()
      await bankDriver().pay(
        {
          claimId: claim.id,
          bankName: claim.bankName!,
          bankAccount: claim.bankAccount!,
          payeeName: claim.orgName,
          amountFen: DEPOSIT.amountFen,
          memo: `CertDesk机构认证 ${code}`,
        },
        trx
      )
      await recordClaimEntry(
        claim,
        'orgs.claim_check.start',
        { method: 'deposit', account: maskAccount(claim.bankAccount) },
        trx
      )
      return claim
    })
  })
}

/**
 * An audit entry about a claim: every one names the claim by its request
 * number (in the caller's transaction when given).
 */
export async function recordClaimEntry(
  claim: OrgClaim,
  action: string,
  data: Record<string, unknown>,
  trx?: TransactionClientContract
) {
  await audit.record(
    {
      action,
      subjectType: 'org_claim',
      subjectId: claim.id,
      data: { requestNo: claim.requestNo, ...data },
    },
    trx
  )
}

/** the claimant is the legal representative (their verified ID number is the declared one) */
export function isLegalRepresentative(applicant: Applicant, claim: OrgClaim) {
  return applicant.isVerified && applicant.realIdNumber === claim.legalRepIdNumber
}

export function maskAccount(account: string | null | undefined) {
  const digits = (account ?? '').replace(/\s+/g, '')
  return digits.length > 8 ? `${digits.slice(0, 4)} **** ${digits.slice(-4)}` : '****'
}

async function claimByPhone(
  applicant: Applicant,
  input: ClaimInput,
  files: ClaimFiles,
  ip: string | null
) {
  if (input.legalRepIdType !== 'resident_id') {
    throw new OrgError('手机号认证仅支持居民身份证，请选择其他认证方式', 'legal_rep_id_type')
  }
  if (!input.smsCode) throw new OrgError('请输入短信验证码', 'sms_code')
  /* the licence is checked before the code is used up */
  const licence = await storeUpload(files.licence, LICENCE_RULE, 'orgs/licences', 'licence')
  const check = await checkPhoneHolder({
    applicant,
    purpose: 'orgs.claim',
    reference: input.uscc,
    ip,
    name: input.legalRepName,
    idNumber: input.legalRepIdNumber,
    phone: input.legalRepPhone,
    smsCode: input.smsCode,
    fields: {
      name: 'legal_rep_name',
      idNumber: 'legal_rep_id_number',
      phone: 'legal_rep_phone',
      smsCode: 'sms_code',
    },
  })
  return withLock(lockKey(input.uscc), async () => {
    await guardClaimable(applicant, input.uscc)
    return db.transaction(async (trx) => {
      const { claim } = await newClaim(applicant, input, { licence }, 'verifying', ip, trx)
      claim.checkId = check.id
      await recordClaimEntry(
        claim,
        'orgs.claim_check.start',
        { method: 'phone', phone: maskPhone(input.legalRepPhone) },
        trx
      )
      if (!check.passed) {
        claim.failure = check.message ?? '法定代表人手机号核验未通过'
        await claimCheckLifecycle.apply(asCheck(claim), 'fail', trx, {
          data: { reason: claim.failure },
        })
        return claim
      }
      await claimCheckLifecycle.apply(asCheck(claim), 'pass', trx)
      await completeClaim(claim, trx, { validated: false })
      await tellClaimant(claim, trx)
      return claim
    })
  })
}

/**
 * End an automatic check in the caller's transaction: passed completes the
 * claim (the org is claimed unless someone was faster: then it fails),
 * failed records why.
 */
export async function finishClaimCheck(
  claim: OrgClaim,
  trx: TransactionClientContract,
  outcome: { passed: boolean; failure?: string }
) {
  if (outcome.passed) {
    const org = await Org.query({ client: trx }).where('id', claim.orgId).firstOrFail()
    if (org.status === 'claimed') throw new OrgError(ORG_TEXTS.alreadyClaimed)
    await claimCheckLifecycle.apply(asCheck(claim), 'pass', trx)
    await completeClaim(claim, trx, { validated: false })
    await tellClaimant(claim, trx)
  } else {
    claim.failure = outcome.failure ?? '核验未通过'
    await claimCheckLifecycle.apply(asCheck(claim), 'fail', trx, {
      data: { reason: claim.failure },
    })
  }
  return claim
}

/** the applicant's own claim (anyone else's, or a guessed id: 404) */
export async function claimOf(applicant: Applicant, id: string) {
  if (!isUuid(id)) orgNotFound()
  const claim = await OrgClaim.query().where('id', id).where('user_id', applicant.id).first()
  if (!claim) orgNotFound()
  return claim
}

/**
 * 对公打款: the claimant types back the memo's 6-digit code. A wrong code
 * counts; the fifth wrong one, or an expired code, ends the claim
 * (核验失败); the right one completes it.
 */
export async function verifyDeposit(applicant: Applicant, claimId: string, code: string) {
  const found = await claimOf(applicant, claimId)
  if (found.method !== 'deposit') orgNotFound()
  return withLock(lockKey(found.uscc), () =>
    db.transaction(async (trx) => {
      const claim = await OrgClaim.query({ client: trx })
        .where('id', found.id)
        .forUpdate()
        .firstOrFail()
      claimCheckLifecycle.assert('pass', claim.status as 'verifying')
      if (!claim.depositExpiresAt || claim.depositExpiresAt < DateTime.utc()) {
        claim.failure = ORG_TEXTS.depositExpired
        await claimCheckLifecycle.apply(asCheck(claim), 'fail', trx, {
          data: { reason: 'expired' },
        })
        return { claim, ok: false as const, message: ORG_TEXTS.depositExpired }
      }
      const given = hashDeposit(claim.id, code.trim())
      const right =
        claim.depositCodeHash !== null &&
        timingSafeEqual(Buffer.from(given), Buffer.from(claim.depositCodeHash))
      if (!right) {
        claim.depositTries += 1
        if (claim.depositTries >= DEPOSIT.maxTries) {
          claim.failure = ORG_TEXTS.depositTooMany
          await claimCheckLifecycle.apply(asCheck(claim), 'fail', trx, {
            data: { reason: 'too_many_tries', tries: claim.depositTries },
          })
          return { claim, ok: false as const, message: ORG_TEXTS.depositTooMany }
        }
        await audit.save(claim, trx, {
          action: 'orgs.claim_check.try',
          subjectType: 'org_claim',
          data: { tries: claim.depositTries },
        })
        const left = DEPOSIT.maxTries - claim.depositTries
        return {
          claim,
          ok: false as const,
          message: `${ORG_TEXTS.depositWrong}，还可尝试 ${left} 次`,
          field: 'deposit_code',
        }
      }
      await claimCheckLifecycle.apply(asCheck(claim), 'pass', trx)
      await completeClaim(claim, trx, { validated: false })
      await tellClaimant(claim, trx)
      return { claim, ok: true as const }
    })
  )
}

/**
 * 转人工审核: a failed automatic check is followed by a CA review of the
 * same licence and details with the signed 授权委托书.
 */
export async function requestManualReview(
  applicant: Applicant,
  claimId: string,
  letterFile: MultipartFile | null | undefined,
  ip: string | null
) {
  const failed = await claimOf(applicant, claimId)
  if (failed.status !== 'failed' || failed.followedById) {
    throw new OrgError('只有核验失败的认领申请可以转人工审核')
  }
  await guardClaimable(applicant, failed.uscc)
  const letter = await storeUpload(letterFile, LETTER_RULE, 'orgs/letters', 'letter')
  return withLock(lockKey(failed.uscc), async () => {
    await guardClaimable(applicant, failed.uscc)
    return db.transaction(async (trx) => {
      const claim = new OrgClaim()
      claim.useTransaction(trx)
      claim.fill({
        requestNo: nextId(),
        orgId: failed.orgId,
        userId: applicant.id,
        method: 'review',
        status: 'pending',
        orgName: failed.orgName,
        uscc: failed.uscc,
        kind: failed.kind,
        regionCode: failed.regionCode,
        legalRepName: failed.legalRepName,
        legalRepIdType: failed.legalRepIdType,
        legalRepIdNumber: failed.legalRepIdNumber,
        legalRepPhone: failed.legalRepPhone,
        licenceKey: failed.licenceKey,
        licenceType: failed.licenceType,
        letterKey: letter.key,
        letterType: letter.type,
        depositTries: 0,
        ip,
      })
      await claim.save()
      failed.followedById = claim.id
      await audit.save(failed, trx, {
        action: 'orgs.claim.submit',
        subjectType: 'org_claim',
        subjectId: claim.id,
        data: {
          requestNo: claim.requestNo,
          uscc: claim.uscc,
          method: 'review',
          after: failed.requestNo,
        },
      })
      return claim
    })
  })
}

/** 撤回 a pending review (the applicant's own) */
export async function cancelClaim(applicant: Applicant, claimId: string) {
  const claim = await claimOf(applicant, claimId)
  await claimReview.cancel(claim.id)
}

/**
 * 机构认领审核 (CA review of the licence and the 授权委托书), on the one
 * review workflow. Approval completes the claim and pre-validates the org
 * (validated_at); an org claimed meanwhile refuses the approval.
 */
export const LEGAL_REP_CLAIM_PURPOSE = 'notice:orgs_claim'

/**
 * The SMS the legal representative gets when staff decide a claim of
 * their org: who may act for it is their business. No name of the
 * claimant (the legal representative may not know them): the request
 * number, and what to do if nobody was authorised.
 */
function legalRepNotice(claim: OrgClaim, decision: string) {
  if (!claim.legalRepPhone) return null
  return {
    phone: claim.legalRepPhone,
    text: `${claim.legalRepName}您好：以“${claim.orgName}”名义提交的机构认领申请（编号 ${claim.requestNo}）${decision}。如贵单位未授权他人认领，请登录本系统提交机构申诉。`,
    purpose: LEGAL_REP_CLAIM_PURPOSE,
  }
}

export const claimReview = defineReview({
  name: 'orgs.claim',
  subject: 'org_claim',
  noun: '机构认领',
  model: OrgClaim,
  extraStates: {
    verifying: { label: '核验中', tone: 'info' },
    passed: { label: '核验通过', tone: 'success' },
    failed: { label: '核验失败', tone: 'danger' },
  },
  auditActions: {
    'orgs.claim.submit': '提交机构认领申请',
    'orgs.org.create': '登记机构',
  },

  async onApprove(claim, { trx }) {
    const org = await Org.query({ client: trx }).where('id', claim.orgId).firstOrFail()
    if (org.status === 'claimed') throw new OrgError(ORG_TEXTS.alreadyClaimed)
    await completeClaim(claim, trx, { validated: true })
    return { requestNo: claim.requestNo, orgId: claim.orgId }
  },

  async onReject(claim) {
    return { requestNo: claim.requestNo }
  },

  /* the claimant in 消息中心; the legal representative by SMS (the org is theirs) */
  notify(claim, outcome, { input }) {
    if (outcome === 'approved') {
      return {
        userId: claim.userId,
        title: '机构认领成功',
        body: `您认领“${claim.orgName}”的申请（编号 ${claim.requestNo}）已审核通过，现为该机构管理员。`,
        link: urlFor('orgs.show', { id: claim.orgId }),
        sms: legalRepNotice(claim, '已通过 CA 审核，申请人已成为机构管理员'),
      }
    }
    const type = input.reasonType ? claimReview.reasonTypeLabel(input.reasonType) : ''
    const why = sentence(`${type ? type + '：' : ''}${input.reason ?? ''}`)
    return {
      userId: claim.userId,
      title: '机构认领未通过',
      body: `您认领“${claim.orgName}”的申请（编号 ${claim.requestNo}）未通过审核。原因：${why}`,
      link: urlFor('orgs.claims.show', { id: claim.id }),
      sms: legalRepNotice(claim, '未通过 CA 审核'),
    }
  },
})
