import type { HttpContext } from '@adonisjs/core/http'
import { maskPhone } from '#core/validation/identity'
import { memberAccess, membersOf } from '#orgs/queries/orgs'
import { addMember, deregisterOrg, removeMember, requireAdmin } from '#orgs/actions/members'
import { orgDeregistrationBlockers } from '#orgs/deregistration_checks'
import { applyForSeal, applyToLeave } from '#orgs/actions/applications'
import { addMemberValidator, consentValidator, reasonValidator } from '#orgs/validators'
import { MEMBER_ROLES } from '#orgs/labels'
import { orgNotFound } from '#orgs/errors'
import { applicantOf, sendConsentCodeAndReturn, wantsCode } from '#orgs/controllers/support'

/**
 * 成员管理: list and search, add (admins), remove with a confirmation
 * (admins), 退出机构 (members apply), 用章权限 (members apply), and
 * 机构注销 with the legal representative's SMS code (admins); 管理员移交 is
 * TransfersController.
 * Another org's ids: 404; a member on an admin page: 403.
 */
export default class MembersController {
  async index(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    const q = String(ctx.request.input('q') ?? '').slice(0, 50)
    const members = await membersOf(membership.orgId, q)
    return ctx.view.render('orgs/members/index', {
      membership,
      org: membership.org,
      members,
      q,
      roles: MEMBER_ROLES,
    })
  }

  async store(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    const payload = await ctx.request.validateUsing(addMemberValidator)
    await addMember(membership, applicantOf(ctx), payload)
    ctx.session.flash('success', `已添加成员 ${payload.name}`)
    return ctx.response.redirect().toRoute('orgs.members.index', { id: membership.orgId })
  }

  async confirmRemove(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    const members = await membersOf(membership.orgId)
    const target = members.find((row) => row.membership.id === ctx.params.memberId)
    if (!target) orgNotFound()
    return ctx.view.render('orgs/members/remove', { org: membership.org, target })
  }

  async destroy(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    await removeMember(membership, applicantOf(ctx), ctx.params.memberId)
    ctx.session.flash('success', '已移除该成员')
    return ctx.response.redirect().toRoute('orgs.members.index', { id: membership.orgId })
  }

  async confirmLeave(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    return ctx.view.render('orgs/members/leave', { membership, org: membership.org })
  }

  async leave(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    const { reason } = await ctx.request.validateUsing(reasonValidator)
    await applyToLeave(membership, applicantOf(ctx), reason ?? null)
    ctx.session.flash('success', '退出申请已提交，管理员审核通过后即退出机构')
    return ctx.response.redirect().toRoute('orgs.show', { id: membership.orgId })
  }

  async seal(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    const { reason } = await ctx.request.validateUsing(reasonValidator)
    await applyForSeal(membership, applicantOf(ctx), reason ?? '')
    ctx.session.flash('success', '用章权限申请已提交，请等待管理员审核')
    return ctx.response.redirect().toRoute('orgs.show', { id: membership.orgId })
  }

  async deregisterForm(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    return ctx.view.render('orgs/deregister', {
      org: membership.org,
      blockers: await orgDeregistrationBlockers(membership.orgId),
      legalRepPhone: maskPhone(membership.org.legalRepPhone),
    })
  }

  async deregister(ctx: HttpContext) {
    const membership = await memberAccess(applicantOf(ctx), ctx.params.id)
    requireAdmin(membership)
    if (wantsCode(ctx)) {
      return sendConsentCodeAndReturn(ctx, membership.org, 'orgs.deregister.create')
    }
    const { smsCode } = await ctx.request.validateUsing(consentValidator)
    await deregisterOrg(membership, applicantOf(ctx), smsCode)
    ctx.session.flash('success', `机构“${membership.org.name}”已注销`)
    return ctx.response.redirect().toRoute('orgs.index')
  }
}
