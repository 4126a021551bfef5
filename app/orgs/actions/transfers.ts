import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import logger from '@adonisjs/core/services/logger'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import env from '#start/env'
import audit from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import sms from '#core/sms/sms_service'
import verificationCodes, { registerCodePurposes } from '#core/sms/verification_codes'
import { nextId } from '#core/ids'
import { withLock } from '#core/locks'
import { faultPoint } from '#core/fault_points'
import { dispatchJob } from '#core/queue/jobs'
import { maskName, maskPhone } from '#core/validation/identity'
import type { Applicant } from '#accounts/queries/users'
import { registerSmsPurposeRule } from '#accounts/actions/sms_codes'
import Membership from '#orgs/models/membership'
import OrgTransfer from '#orgs/models/org_transfer'
import { transferLifecycle } from '#orgs/lifecycles'
import { OrgError, orgNotFound } from '#orgs/errors'
import { recordHistory } from '#orgs/services/history'
import { setRole } from '#orgs/services/memberships'
import {
  newSignToken,
  requireSignature,
  storeSignature,
  type SignatureInput,
} from '#orgs/actions/signing'
import {
  legalRepPhoneOf,
  memberOfSameOrg,
  requireAdmin,
  verifyConsent,
} from '#orgs/actions/members'
import CompleteTransferJob from '#orgs/jobs/complete_transfer_job'

/**
 * 管理员移交 (数信签 §8.4 管理员转授: 转授管理员需法人签署转授授权书).
 * The admin picks a member; the transfer waits for the legal
 * representative, who gets a one-time link by SMS, opens it on their own
 * phone (no account), confirms the SMS code to that phone and signs (pad
 * or photo). Their signature is kept privately with the transfer; only
 * then, under the org's lock and once, the member becomes admin and the
 * old admin 员工. An admin who is the legal representative signs on their
 * own device at once. The old admin may withdraw a pending transfer; the
 * link lives TRANSFER_LINK_DAYS days.
 *
 * Two commits: the consent (待签署 → 已签署, with the job that completes
 * it), then the roles (已签署 → 已移交). A crash between them leaves the
 * job, which finishes the transfer once.
 */
export const TRANSFER_PURPOSE = 'orgs_transfer'
export const TRANSFER_LINK_DAYS = 7
export const TRANSFER_LINK_SMS = 'notice:orgs_transfer'
export const TRANSFER_CHANNELS = {
  link: '短信链接（法定代表人手机）',
  device: '本机签署（法定代表人本人）',
} as const
registerCodePurposes({ [TRANSFER_PURPOSE]: '管理员移交法定代表人签署' })

export const TRANSFER_TEXTS = {
  linkInvalid: '签署链接无效，请核对短信中的链接',
  used: '该签署链接已使用，不能重复签署',
  expired: '签署链接已过期，请联系机构管理员重新发起移交',
  cancelled: '该移交已被管理员撤回，签署链接已失效',
  ended: '该移交已结束，签署链接已失效',
  open: '本机构已有待法定代表人签署的管理员移交，请先撤回后再发起',
  self: '请选择其他成员',
  notLegalRep: '只有法定代表人本人可以在本机签署，请发送签署链接给法定代表人',
  needSignature: '请法定代表人手写签名（或上传签名照片）',
  targetLeft: '新管理员已不在本机构，移交未生效',
} as const

/** a code only for the phone of a legal representative whose signature a transfer awaits */
registerSmsPurposeRule(TRANSFER_PURPOSE, async ({ phone }) => {
  const waiting = await OrgTransfer.query()
    .where('channel', 'link')
    .where('status', 'pending')
    .where('legal_rep_phone', phone)
    .where('expires_at', '>', DateTime.utc().toSQL()!)
    .first()
  if (!waiting) return { send: false, message: '没有待签署的管理员移交', field: 'phone' }
  return { send: true, phone }
})

function displayName(person: { realName: string | null; name: string | null }) {
  return person.realName ?? person.name ?? ''
}

/** the signed-in admin is the org's legal representative (their verified ID is the declared one) */
export function signsForThemselves(applicant: Applicant, membership: Membership) {
  const declared = membership.org.legalRepIdNumber
  return Boolean(applicant.isVerified && declared && applicant.realIdNumber === declared)
}

export function transferSigningUrl(transfer: OrgTransfer) {
  const path = urlFor('orgs.transfer_sign.show', { id: transfer.orgId, token: transfer.signToken! })
  return `${env.get('APP_URL')}${path}`
}

/** why a transfer's link no longer signs (null: it is open) */
export function transferClosedReason(transfer: OrgTransfer): string | null {
  if (transfer.status === 'pending') {
    return transfer.expiresAt > DateTime.utc() ? null : TRANSFER_TEXTS.expired
  }
  if (transfer.status === 'signed' || transfer.status === 'completed') return TRANSFER_TEXTS.used
  if (transfer.status === 'cancelled') return TRANSFER_TEXTS.cancelled
  if (transfer.status === 'expired') return TRANSFER_TEXTS.expired
  return TRANSFER_TEXTS.ended
}

/** the transfer a link opens: its token and its org must match (anything else: 404) */
export async function transferOfLink(orgId: unknown, token: unknown) {
  if (typeof token !== 'string' || !/^[\w-]{20,64}$/.test(token)) orgNotFound()
  const transfer = await OrgTransfer.query().where('sign_token', token).preload('org').first()
  if (!transfer || transfer.orgId !== orgId) orgNotFound()
  return transfer
}

/** a link that no longer signs is refused in Chinese (one that ran out becomes 已过期 first) */
export async function assertLinkOpen(transfer: OrgTransfer) {
  const closed = transferClosedReason(transfer)
  if (!closed) return
  await db.transaction((trx) => expireIfDue(transfer, trx))
  throw new OrgError(closed)
}

/** a transition of the transfer; its audit entry names the org (and what the step adds) */
function moveTransfer(
  transfer: OrgTransfer,
  event: Parameters<typeof transferLifecycle.apply>[1],
  trx: TransactionClientContract,
  data: Record<string, unknown> = {}
) {
  return transferLifecycle.apply(transfer, event, trx, { data: { orgId: transfer.orgId, ...data } })
}

/** a pending transfer whose link ran out becomes 已过期 (audited) */
async function expireIfDue(transfer: OrgTransfer, trx: TransactionClientContract) {
  if (transfer.status !== 'pending' || transfer.expiresAt > DateTime.utc()) return false
  transfer.signToken = null
  await moveTransfer(transfer, 'expire', trx)
  return true
}

/** the org's open transfer (待签署 or 已签署), expiring one that ran out */
export async function openTransferOf(orgId: string, trx?: TransactionClientContract) {
  const open = await OrgTransfer.query({ client: trx })
    .where('org_id', orgId)
    .whereIn('status', ['pending', 'signed'])
    .orderBy('created_at', 'desc')
    .first()
  if (!open) return null
  if (open.status === 'pending' && open.expiresAt <= DateTime.utc()) {
    await (trx ? expireIfDue(open, trx) : db.transaction((own) => expireIfDue(open, own)))
    return null
  }
  return open
}

async function createTransfer(
  trx: TransactionClientContract,
  admin: Membership,
  target: Membership,
  channel: 'link' | 'device'
) {
  if (await openTransferOf(admin.orgId, trx)) throw new OrgError(TRANSFER_TEXTS.open)
  const transfer = new OrgTransfer()
  transfer.fill({
    requestNo: nextId(),
    orgId: admin.orgId,
    userId: admin.userId,
    fromMembershipId: admin.id,
    toMembershipId: target.id,
    status: 'pending',
    channel,
    signToken: channel === 'link' ? newSignToken() : null,
    legalRepName: admin.org.legalRepName,
    legalRepPhone: legalRepPhoneOf(admin.org),
    expiresAt: DateTime.utc().plus({ days: TRANSFER_LINK_DAYS }),
  })
  await audit.save(transfer, trx, {
    action: 'orgs.transfer.create',
    subjectType: transferLifecycle.subject,
    data: {
      orgId: admin.orgId,
      requestNo: transfer.requestNo,
      to: target.userId,
      channel,
      phone: maskPhone(transfer.legalRepPhone),
    },
  })
  return transfer
}

async function pickTarget(admin: Membership, membershipId: string) {
  requireAdmin(admin)
  const target = await memberOfSameOrg(admin, membershipId)
  if (target.id === admin.id) throw new OrgError(TRANSFER_TEXTS.self, 'membership_id')
  return target
}

/**
 * 确认移交 by an admin who is not the legal representative: a pending
 * transfer, and its one-time link by SMS to the legal representative.
 */
export async function startTransfer(admin: Membership, actor: Applicant, membershipId: string) {
  const target = await pickTarget(admin, membershipId)
  const transfer = await withLock(`orgs:admins:${admin.orgId}`, () =>
    db.transaction(async (trx) => {
      const created = await createTransfer(trx, admin, target, 'link')
      await recordHistory(trx, {
        orgId: admin.orgId,
        userId: target.userId,
        event: 'transfer_start',
        summary: `发起管理员移交（编号 ${created.requestNo}），待法定代表人签署`,
        actorName: displayName(actor),
      })
      return created
    })
  )
  try {
    await sms.send(
      transfer.legalRepPhone,
      `${admin.org.name}的管理员申请将管理员移交给其他成员，需要您作为法定代表人签署转授授权书，请在 ${TRANSFER_LINK_DAYS} 天内打开：${transferSigningUrl(transfer)}`,
      TRANSFER_LINK_SMS
    )
  } catch (error) {
    logger.warn({ err: error }, 'orgs transfer link sms failed')
  }
  return transfer
}

/** the signature of the legal representative becomes the transfer's consent (待签署 → 已签署) */
async function recordConsent(
  trx: TransactionClientContract,
  transfer: OrgTransfer,
  signatureKey: string
) {
  transfer.signatureKey = signatureKey
  transfer.signatureType = signatureKey.split('.').pop() ?? 'png'
  transfer.signedAt = DateTime.utc()
  await moveTransfer(transfer, 'sign', trx, {
    requestNo: transfer.requestNo,
    channel: transfer.channel,
    signer: maskName(transfer.legalRepName ?? ''),
    phone: maskPhone(transfer.legalRepPhone),
    signature: signatureKey,
  })
  await dispatchJob(
    CompleteTransferJob,
    { transferId: transfer.id },
    { trx, dedupKey: transfer.id }
  )
}

/**
 * The legal representative signs through the link: the SMS code to their
 * phone, then the signature; the transfer takes effect.
 */
export async function signTransfer(orgId: string, token: string, input: SignatureInput) {
  const found = await transferOfLink(orgId, token)
  await assertLinkOpen(found)
  /* a missing signature is refused before the code is used up */
  requireSignature(input, TRANSFER_TEXTS.needSignature)
  const code = await verificationCodes.verify(found.legalRepPhone, TRANSFER_PURPOSE, input.smsCode)
  if (!code.ok) throw new OrgError(code.message, 'sms_code')
  const key = await storeSignature(input.signatureData, input.signatureFile ?? null)
  await withLock(`orgs:admins:${found.orgId}`, () =>
    db.transaction(async (trx) => {
      const transfer = await OrgTransfer.query({ client: trx })
        .where('id', found.id)
        .forUpdate()
        .firstOrFail()
      const reason = transferClosedReason(transfer)
      if (reason) throw new OrgError(reason)
      await recordConsent(trx, transfer, key)
    })
  )
  faultPoint('orgs.transfer.after_consent')
  return completeTransfer(found.id)
}

/**
 * 确认移交 by an admin who is the legal representative: they consent on
 * their own device (the consent code to the legal representative's phone
 * and their signature); the transfer takes effect at once.
 */
export async function transferOnDevice(
  admin: Membership,
  actor: Applicant,
  input: SignatureInput & { membershipId: string }
) {
  const target = await pickTarget(admin, input.membershipId)
  if (!signsForThemselves(actor, admin)) throw new OrgError(TRANSFER_TEXTS.notLegalRep)
  requireSignature(input, TRANSFER_TEXTS.needSignature)
  await verifyConsent(admin.org, input.smsCode)
  const key = await storeSignature(input.signatureData, input.signatureFile ?? null)
  const transfer = await withLock(`orgs:admins:${admin.orgId}`, () =>
    db.transaction(async (trx) => {
      const created = await createTransfer(trx, admin, target, 'device')
      await recordConsent(trx, created, key)
      return created
    })
  )
  faultPoint('orgs.transfer.after_consent')
  return completeTransfer(transfer.id)
}

/**
 * 已签署 → 已移交: the member becomes admin and the old admin 员工, under
 * the org's lock, once (a second call, the job after the request did it,
 * finds it done). The new admin gone meanwhile: 移交失败.
 */
export async function completeTransfer(transferId: string) {
  const first = await OrgTransfer.find(transferId)
  if (!first) return null
  return withLock(`orgs:admins:${first.orgId}`, () =>
    db.transaction(async (trx) => {
      const transfer = await OrgTransfer.query({ client: trx })
        .where('id', transferId)
        .preload('org')
        .forUpdate()
        .firstOrFail()
      if (transfer.status !== 'signed') return transfer
      const [from, to] = await Promise.all(
        [transfer.fromMembershipId, transfer.toMembershipId].map((id) =>
          Membership.query({ client: trx }).where('id', id).forUpdate().firstOrFail()
        )
      )
      if (to.status !== 'active') {
        transfer.failure = TRANSFER_TEXTS.targetLeft
        await moveTransfer(transfer, 'fail', trx, { reason: transfer.failure })
        return transfer
      }
      const data = { transfer: transfer.requestNo }
      if (to.role !== 'admin') await setRole(trx, to, 'admin', data)
      if (from.status === 'active' && from.role === 'admin' && from.id !== to.id) {
        await setRole(trx, from, 'member', data)
      }
      faultPoint('orgs.transfer.after_roles')
      transfer.completedAt = DateTime.utc()
      await moveTransfer(transfer, 'complete', trx, {
        requestNo: transfer.requestNo,
        from: transfer.userId,
        to: to.userId,
        signature: transfer.signatureKey,
      })
      await recordHistory(trx, {
        orgId: transfer.orgId,
        userId: to.userId,
        event: 'transfer',
        summary: `经法定代表人短信确认并签署，成为机构管理员（移交编号 ${transfer.requestNo}，原管理员转为员工）`,
        actorName: transfer.legalRepName,
      })
      await messages.send(
        to.userId,
        {
          category: 'system',
          title: '您已成为机构管理员',
          body: `经法定代表人签署同意，您已成为“${transfer.org.name}”的管理员。`,
          link: urlFor('orgs.show', { id: transfer.orgId }),
        },
        trx
      )
      await messages.send(
        transfer.userId,
        {
          category: 'system',
          title: '管理员移交已生效',
          body: `法定代表人已签署，“${transfer.org.name}”的管理员已移交，您现为该机构员工。`,
          link: urlFor('orgs.show', { id: transfer.orgId }),
        },
        trx
      )
      return transfer
    })
  )
}

/** 撤回 by the admin who started it (still an admin), while it waits for the signature */
export async function cancelTransfer(admin: Membership, actor: Applicant) {
  requireAdmin(admin)
  return withLock(`orgs:admins:${admin.orgId}`, () =>
    db.transaction(async (trx) => {
      const transfer = await openTransferOf(admin.orgId, trx)
      if (!transfer) throw new OrgError('没有可撤回的管理员移交')
      if (transfer.userId !== admin.userId) {
        throw new OrgError('只有发起移交的管理员可以撤回')
      }
      transferLifecycle.assert('cancel', transfer.status)
      transfer.signToken = null
      await moveTransfer(transfer, 'cancel', trx, { requestNo: transfer.requestNo })
      await recordHistory(trx, {
        orgId: admin.orgId,
        userId: admin.userId,
        event: 'transfer_cancel',
        summary: `撤回管理员移交（编号 ${transfer.requestNo}）`,
        actorName: displayName(actor),
      })
      return transfer
    })
  )
}
