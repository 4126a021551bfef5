import db from '@adonisjs/lucid/services/db'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit from '#core/audit/audit_service'
import messages from '#core/messages/message_service'
import { nextId } from '#core/ids'
import { consumeRates, describeWait } from '#core/rate_limit'
import { defineReview, sentence } from '#core/review'
import { applicantsByIds, findApplicant, type Applicant } from '#accounts/queries/users'
import Org from '#orgs/models/org'
import OrgApplication from '#orgs/models/org_application'
import Membership from '#orgs/models/membership'
import {
  APPLICATION_REASON_TYPES,
  APPLICATION_TYPES,
  ORG_TEXTS,
  type ApplicationType,
} from '#orgs/labels'
import { OrgError, orgNotFound } from '#orgs/errors'
import { activeMembership, endMembership, ensureMembership } from '#orgs/services/memberships'
import { recordHistory } from '#orgs/services/history'
import { runApplicationHooks } from '#orgs/actions/application_hooks'

/**
 * 加入 (join) a claimed org — at once by verifying its admin (the admin's
 * name and the last 4 digits of their phone), or by an application with a
 * reason that an admin approves — and the members' other applications to
 * their admins: 用章权限 (kept for the seals issue) and 退出企业. The
 * admins decide on the one review workflow (审核管理): approve, or 退回
 * with a 驳回类型 and a description; the applicant is told by SMS and
 * message.
 */
export const REASON_MAX = 500
const VERIFY_RULE = { requests: 5, duration: '1 hour' }

async function claimedOrg(uscc: string) {
  const org = await Org.findBy('uscc', uscc.trim().toUpperCase())
  if (!org || org.status !== 'claimed') orgNotFound()
  return org
}

async function guardJoin(applicant: Applicant, org: Org) {
  if (!applicant.isVerified) throw new OrgError(ORG_TEXTS.needRealName)
  if (await activeMembership(org.id, applicant.id)) throw new OrgError(ORG_TEXTS.alreadyMember)
}

async function tellAdmins(
  orgId: string,
  title: string,
  body: string,
  trx: TransactionClientContract
) {
  const admins = await Membership.query({ client: trx })
    .where('org_id', orgId)
    .where('status', 'active')
    .where('role', 'admin')
  for (const admin of admins) {
    await messages.send(
      admin.userId,
      { category: 'review', title, body, link: urlFor('orgs.approvals.index', { id: orgId }) },
      trx
    )
  }
}

/**
 * 验证管理员信息: the admin's name and the last 4 digits of their phone
 * make the applicant a member (员工) at once. Five wrong tries an hour.
 */
export async function joinByAdmin(
  applicant: Applicant,
  uscc: string,
  input: { adminName: string; phoneLast4: string }
) {
  const org = await claimedOrg(uscc)
  await guardJoin(applicant, org)
  const rate = await consumeRates([{ key: `orgs:join:${applicant.id}`, rule: VERIFY_RULE }])
  if (!rate.ok) {
    throw new OrgError(
      `${ORG_TEXTS.tooManyTries}（${describeWait(rate.retryAfter)}后）`,
      'admin_name'
    )
  }
  const admins = await Membership.query()
    .where('org_id', org.id)
    .where('status', 'active')
    .where('role', 'admin')
  const people = await applicantsByIds(admins.map((a) => a.userId))
  const name = input.adminName.trim()
  const match = [...people.values()].some(
    (p) => (p.realName ?? p.name) === name && p.phone.endsWith(input.phoneLast4.trim())
  )
  if (!match) throw new OrgError(ORG_TEXTS.adminMismatch, 'admin_name')
  return db.transaction(async (trx) => {
    if (await activeMembership(org.id, applicant.id, trx))
      throw new OrgError(ORG_TEXTS.alreadyMember)
    const membership = await ensureMembership(trx, {
      orgId: org.id,
      userId: applicant.id,
      role: 'member',
      source: 'join',
    })
    await recordHistory(trx, {
      orgId: org.id,
      userId: applicant.id,
      event: 'join',
      summary: '验证管理员信息后加入机构，成为员工',
    })
    await tellAdmins(
      org.id,
      '新成员加入机构',
      `${applicant.realName ?? applicant.name ?? ''} 已通过验证管理员信息加入“${org.name}”。`,
      trx
    )
    return membership
  })
}

async function submitApplication(
  applicant: Applicant,
  org: Org,
  type: ApplicationType,
  reason: string | null
) {
  if (reason && [...reason].length > REASON_MAX) {
    throw new OrgError(`申请理由不能超过 ${REASON_MAX} 个字`, 'reason')
  }
  const pending = await OrgApplication.query()
    .where('org_id', org.id)
    .where('user_id', applicant.id)
    .where('type', type)
    .where('status', 'pending')
    .first()
  if (pending) throw new OrgError(ORG_TEXTS.pendingApplication)
  return db.transaction(async (trx) => {
    const application = new OrgApplication()
    application.fill({
      requestNo: nextId(),
      orgId: org.id,
      userId: applicant.id,
      type,
      reason,
      status: 'pending',
    })
    await audit.save(application, trx, {
      action: 'orgs.application.submit',
      subjectType: 'org_application',
      data: { requestNo: application.requestNo, type, orgId: org.id },
    })
    await tellAdmins(
      org.id,
      `新的${APPLICATION_TYPES[type]}申请`,
      `${applicant.realName ?? applicant.name ?? ''} 提交了${APPLICATION_TYPES[type]}申请（编号 ${application.requestNo}），请在审核管理中处理。`,
      trx
    )
    return application
  })
}

/** 申请加入 with a reason (≤ 500 characters) */
export async function applyToJoin(applicant: Applicant, uscc: string, reason: string) {
  const org = await claimedOrg(uscc)
  await guardJoin(applicant, org)
  if (!reason.trim()) throw new OrgError('请填写申请加入的理由', 'reason')
  return submitApplication(applicant, org, 'join', reason.trim())
}

/** 退出企业: a member asks the admins to let them go (the last admin cannot) */
export async function applyToLeave(
  membership: Membership,
  applicant: Applicant,
  reason: string | null
) {
  await guardLastAdmin(membership)
  return submitApplication(applicant, membership.org, 'leave', reason?.trim() || null)
}

/** 用章权限: kept for the seals issue (the approval is recorded only) */
export async function applyForSeal(membership: Membership, applicant: Applicant, reason: string) {
  if (!reason.trim()) throw new OrgError('请填写申请理由', 'reason')
  return submitApplication(applicant, membership.org, 'seal', reason.trim())
}

export async function guardLastAdmin(membership: Membership, trx?: TransactionClientContract) {
  if (membership.role !== 'admin') return
  const admins = await Membership.query({ client: trx })
    .where('org_id', membership.orgId)
    .where('status', 'active')
    .where('role', 'admin')
  if (admins.length <= 1) throw new OrgError(ORG_TEXTS.lastAdmin)
}

/** the applicant's own pending application, withdrawn */
export async function cancelApplication(applicant: Applicant, id: string) {
  const application = await OrgApplication.query()
    .where('id', id)
    .where('user_id', applicant.id)
    .first()
  if (!application) orgNotFound()
  await applicationReview.cancel(application.id)
}

/**
 * 审核管理 (org admins): the one review workflow. Approval of a join makes
 * a 员工; of a leave ends the membership at once; of a seal permission is
 * recorded (the seals module will read it).
 */
export const applicationReview = defineReview({
  name: 'orgs.application',
  subject: 'org_application',
  noun: '机构成员申请',
  model: OrgApplication,
  reasonTypes: APPLICATION_REASON_TYPES,
  auditActions: { 'orgs.application.submit': '提交机构成员申请' },

  async onApprove(application, { trx, reviewer }) {
    const applicant = await findApplicant(application.userId)
    ;(application as any).$phone = applicant?.phone ?? null
    if (application.type === 'join') {
      if (await activeMembership(application.orgId, application.userId, trx)) {
        throw new OrgError('申请人已是本机构成员')
      }
      await ensureMembership(trx, {
        orgId: application.orgId,
        userId: application.userId,
        role: 'member',
        source: 'join',
      })
      await recordHistory(trx, {
        orgId: application.orgId,
        userId: application.userId,
        event: 'join',
        summary: `加入申请（编号 ${application.requestNo}）已通过，成为员工`,
        actorName: reviewer.displayName,
      })
    } else if (application.type === 'leave') {
      const membership = await activeMembership(application.orgId, application.userId, trx)
      if (membership) {
        await guardLastAdmin(membership, trx)
        await endMembership(trx, membership, 'leave', { requestNo: application.requestNo })
        await recordHistory(trx, {
          orgId: application.orgId,
          userId: application.userId,
          event: 'leave',
          summary: `退出申请（编号 ${application.requestNo}）已通过，已退出机构`,
          actorName: reviewer.displayName,
        })
      }
    }
    await runApplicationHooks(
      {
        type: application.type,
        orgId: application.orgId,
        userId: application.userId,
        requestNo: application.requestNo,
        reason: application.reason,
      },
      trx
    )
    return { requestNo: application.requestNo, type: application.type }
  },

  async onReject(application) {
    const applicant = await findApplicant(application.userId)
    ;(application as any).$phone = applicant?.phone ?? null
    return { requestNo: application.requestNo, type: application.type }
  },

  notify(application, outcome, { input }) {
    const type = APPLICATION_TYPES[application.type]
    const phone = (application as any).$phone as string | null
    const approved = outcome === 'approved'
    const asked = `您的${type}申请（编号 ${application.requestNo}）`
    let text = `${asked}已审核通过。`
    if (!approved) {
      const reasonType = applicationReview.reasonTypeLabel(input.reasonType)
      const why = sentence(`${reasonType ? reasonType + '：' : ''}${input.reason ?? ''}`)
      text = `${asked}已被退回。原因：${why}`
    }
    return {
      userId: application.userId,
      title: `${type}申请${approved ? '已通过' : '已退回'}`,
      body: text,
      link: urlFor(approved ? 'orgs.index' : 'orgs.history'),
      sms: phone ? { phone, text, purpose: 'notice:orgs_application' } : null,
    }
  },
})
