import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { DateTime } from 'luxon'
import messages from '#core/messages/message_service'
import sms from '#core/sms/sms_service'
import verificationCodes, { registerCodePurposes } from '#core/sms/verification_codes'
import { isUuid } from '#core/ids'
import { findApplicantByPhone, type Applicant } from '#accounts/queries/users'
import { registerSmsPurposeRule } from '#accounts/actions/sms_codes'
import Org from '#orgs/models/org'
import Membership from '#orgs/models/membership'
import { orgLifecycle } from '#orgs/lifecycles'
import { MEMBER_ROLES, ORG_TEXTS, type MemberRole } from '#orgs/labels'
import { adminOnly, OrgError, orgNotFound } from '#orgs/errors'
import { activeMembership, endMembership, ensureMembership } from '#orgs/services/memberships'
import { recordHistory } from '#orgs/services/history'
import { orgDeregistrationBlockers } from '#orgs/deregistration_checks'

export {
  registerOrgDeregistrationCheck,
  orgDeregistrationBlockers,
} from '#orgs/deregistration_checks'

/**
 * What an org's admin does with its members: add (name, phone, role),
 * remove, and deregister the org (only without active certificates and
 * open orders: the higher modules register what blocks it); 管理员移交 is
 * #orgs/actions/transfers. Every change is audited and written to the
 * org's history.
 */
export const CONSENT_PURPOSE = 'orgs_consent'
registerCodePurposes({ [CONSENT_PURPOSE]: '机构法定代表人授权' })

/**
 * The consent code goes to the legal representative's phone of an org
 * the asking person administers — nobody else can have one sent.
 */
registerSmsPurposeRule(CONSENT_PURPOSE, async ({ user, phone }) => {
  if (!user) return { send: false, message: '请先登录' }
  const admin = await Membership.query()
    .where('user_id', user.id)
    .where('status', 'active')
    .where('role', 'admin')
    .whereHas('org', (q) => q.where('legal_rep_phone', phone).where('status', 'claimed'))
    .first()
  if (!admin) return { send: false, message: ORG_TEXTS.adminOnly, field: 'phone' }
  return { send: true, phone }
})

export function requireAdmin(membership: Membership) {
  if (membership.role !== 'admin' || membership.status !== 'active') adminOnly()
}

/** an active member of the admin's own org (another org's, a guessed id: 404) */
export async function memberOfSameOrg(admin: Membership, membershipId: string) {
  if (!isUuid(membershipId)) orgNotFound()
  const target = await Membership.query()
    .where('id', membershipId)
    .where('org_id', admin.orgId)
    .where('status', 'active')
    .first()
  if (!target) orgNotFound()
  return target
}

function displayName(person: { realName: string | null; name: string | null }) {
  return person.realName ?? person.name ?? ''
}

/**
 * 添加成员: a person with a real-name verified account, found by phone,
 * whose name matches.
 */
export async function addMember(
  admin: Membership,
  actor: Applicant,
  input: { name: string; phone: string; role: MemberRole }
) {
  requireAdmin(admin)
  const person = await findApplicantByPhone(input.phone.trim())
  if (
    !person ||
    person.status !== 'active' ||
    !person.isVerified ||
    person.realName !== input.name.trim()
  ) {
    throw new OrgError(ORG_TEXTS.memberNotFound, 'phone')
  }
  if (await activeMembership(admin.orgId, person.id)) {
    throw new OrgError('该用户已是本机构成员', 'phone')
  }
  const role: MemberRole = input.role === 'admin' ? 'admin' : 'member'
  return db.transaction(async (trx) => {
    const membership = await ensureMembership(trx, {
      orgId: admin.orgId,
      userId: person.id,
      role,
      source: 'added',
    })
    await recordHistory(trx, {
      orgId: admin.orgId,
      userId: person.id,
      event: 'add',
      summary: `被管理员添加为${MEMBER_ROLES[role]}`,
      actorName: displayName(actor),
    })
    await messages.send(
      person.id,
      {
        category: 'system',
        title: '您已加入机构',
        body: `管理员已将您添加为“${admin.org.name}”的${MEMBER_ROLES[role]}，可在“切换身份”中以该身份办理业务。`,
        link: urlFor('orgs.identity.show'),
      },
      trx
    )
    return membership
  })
}

/** 移除成员 (not oneself: that is 退出; not the last admin) */
export async function removeMember(admin: Membership, actor: Applicant, membershipId: string) {
  requireAdmin(admin)
  const target = await memberOfSameOrg(admin, membershipId)
  if (target.userId === admin.userId) throw new OrgError('不能移除自己，请使用“退出机构”')
  await db.transaction(async (trx) => {
    await endMembership(trx, target, 'remove', { orgId: admin.orgId })
    await recordHistory(trx, {
      orgId: admin.orgId,
      userId: target.userId,
      event: 'remove',
      summary: '被管理员移出机构',
      actorName: displayName(actor),
    })
    await messages.send(
      target.userId,
      {
        category: 'system',
        title: '您已被移出机构',
        body: `您已被管理员移出“${admin.org.name}”，不能再以该机构身份办理业务。`,
        link: null,
      },
      trx
    )
  })
  return target
}

/** send the consent code to the org's legal representative (no-JS path too) */
export function legalRepPhoneOf(org: Org) {
  if (!org.legalRepPhone) throw new OrgError('机构未登记法定代表人手机号')
  return org.legalRepPhone
}

/** the legal representative's consent code (管理员移交 on the device, 机构注销) */
export async function verifyConsent(org: Org, code: string) {
  const checked = await verificationCodes.verify(legalRepPhoneOf(org), CONSENT_PURPOSE, code)
  if (!checked.ok) throw new OrgError(checked.message, 'sms_code')
}

/**
 * 机构注销: refused while another module reports something unfinished
 * (active certificates, open orders); confirmed by the legal
 * representative's SMS code. Every membership ends.
 */
export async function deregisterOrg(admin: Membership, actor: Applicant, smsCode: string) {
  requireAdmin(admin)
  const blockers = await orgDeregistrationBlockers(admin.orgId)
  if (blockers.length) {
    throw new OrgError(`暂不能注销：${blockers.join('；')}`, { code: 'blocked' })
  }
  await verifyConsent(admin.org, smsCode)
  const phone = admin.org.legalRepPhone
  await db.transaction(async (trx) => {
    const org = await Org.query({ client: trx }).where('id', admin.orgId).forUpdate().firstOrFail()
    org.deregisteredAt = DateTime.utc()
    await orgLifecycle.apply(org, 'deregister', trx, { data: { by: actor.id } })
    const members = await Membership.query({ client: trx })
      .where('org_id', org.id)
      .where('status', 'active')
    for (const member of members) {
      await endMembership(trx, member, 'remove', { reason: 'deregistered' })
    }
    await recordHistory(trx, {
      orgId: org.id,
      userId: actor.id,
      event: 'deregister',
      summary: '机构已注销，全部成员关系已结束',
      actorName: displayName(actor),
    })
  })
  if (phone) {
    try {
      await sms.send(phone, `您作为法定代表人的机构“${admin.org.name}”已注销。`, 'notice:orgs')
    } catch (error) {
      logger.warn({ err: error }, 'orgs deregistration sms failed')
    }
  }
}
