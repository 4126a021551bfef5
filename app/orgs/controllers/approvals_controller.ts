import type { HttpContext } from '@adonisjs/core/http'
import { isUuid } from '#core/ids'
import { applicantsByIds, findApplicant } from '#accounts/queries/users'
import { memberAccess } from '#orgs/queries/orgs'
import { requireAdmin } from '#orgs/actions/members'
import { applicationReview } from '#orgs/actions/applications'
import OrgApplication from '#orgs/models/org_application'
import { APPLICATION_REASON_TYPES, APPLICATION_STATES, APPLICATION_TYPES } from '#orgs/labels'
import { orgRejectValidator } from '#orgs/validators'
import { orgNotFound } from '#orgs/errors'
import { applicantOf } from '#orgs/controllers/support'

/**
 * 审核管理 (org admins): tabs 加入企业 / 用章权限 / 退出企业, states 待审核
 * / 已审核 / 已退回, the application's detail, 通过 or 退回 (驳回类型 +
 * 原因描述 ≤ 500). Only the admins of the application's own org.
 */
const STATE_FILTERS = {
  pending: ['pending'],
  approved: ['approved'],
  rejected: ['rejected'],
} as const

async function adminAccess(ctx: HttpContext) {
  const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
  requireAdmin(membership)
  return membership
}

async function applicationOf(orgId: string, id: unknown) {
  if (typeof id !== 'string' || !isUuid(id)) orgNotFound()
  const application = await OrgApplication.query().where('id', id).where('org_id', orgId).first()
  if (!application) orgNotFound()
  return application
}

function reviewer(ctx: HttpContext) {
  const user = applicantOf(ctx)
  return { id: user.id, displayName: `机构管理员 ${user.realName ?? user.name ?? ''}`.trim() }
}

export default class ApprovalsController {
  async index(ctx: HttpContext) {
    const membership = await adminAccess(ctx)
    const qs = ctx.request.qs()
    const tab = typeof qs.tab === 'string' && qs.tab in APPLICATION_TYPES ? qs.tab : 'join'
    const state = typeof qs.state === 'string' && qs.state in STATE_FILTERS ? qs.state : 'pending'
    const applications = await OrgApplication.query()
      .where('org_id', membership.orgId)
      .where('type', tab)
      .whereIn('status', [...STATE_FILTERS[state as keyof typeof STATE_FILTERS]])
      .orderBy('created_at', 'desc')
      .limit(100)
    const people = await applicantsByIds(applications.map((a) => a.userId))
    return ctx.view.render('orgs/approvals/index', {
      org: membership.org,
      applications,
      people,
      tab,
      current: state,
      tabs: APPLICATION_TYPES,
      states: { pending: '待审核', approved: '已审核', rejected: '已退回' },
    })
  }

  async show(ctx: HttpContext) {
    const membership = await adminAccess(ctx)
    const application = await applicationOf(membership.orgId, ctx.params.applicationId)
    return ctx.view.render('orgs/approvals/show', {
      org: membership.org,
      application,
      applicant: await findApplicant(application.userId),
      reasonTypes: APPLICATION_REASON_TYPES,
      states: APPLICATION_STATES,
    })
  }

  async approve(ctx: HttpContext) {
    const membership = await adminAccess(ctx)
    const application = await applicationOf(membership.orgId, ctx.params.applicationId)
    await applicationReview.approve(reviewer(ctx), application.id)
    ctx.session.flash('success', `${application.typeLabel}申请已通过，申请人已收到短信和站内消息`)
    return ctx.response
      .redirect()
      .toRoute('orgs.approvals.index', { id: membership.orgId }, { qs: { tab: application.type } })
  }

  async reject(ctx: HttpContext) {
    const membership = await adminAccess(ctx)
    const application = await applicationOf(membership.orgId, ctx.params.applicationId)
    const payload = await ctx.request.validateUsing(orgRejectValidator)
    await applicationReview.reject(reviewer(ctx), application.id, {
      reasonType: payload.reason_type,
      reason: payload.review_reason,
    })
    ctx.session.flash('success', `${application.typeLabel}申请已退回，申请人已收到短信和站内消息`)
    return ctx.response
      .redirect()
      .toRoute('orgs.approvals.index', { id: membership.orgId }, { qs: { tab: application.type } })
  }
}
