import type { HttpContext } from '@adonisjs/core/http'
import { findOrgByUscc } from '#orgs/queries/orgs'
import { searchOrgs } from '#orgs/queries/orgs'
import { applyToJoin, joinByAdmin } from '#orgs/actions/applications'
import { joinApplyValidator, joinVerifyValidator } from '#orgs/validators'
import { orgNotFound } from '#orgs/errors'
import { applicantOf } from '#orgs/controllers/support'

/**
 * 加入机构 (确认，申请加入): verify the admin (name + last 4 digits of
 * the phone) to join at once, or apply with a reason for an admin to
 * approve. The org is addressed by its credit code, as the search shows it.
 */
export default class JoinsController {
  async create(ctx: HttpContext) {
    const uscc = String(ctx.request.input('uscc') ?? '')
      .trim()
      .toUpperCase()
    const org = uscc ? await findOrgByUscc(uscc) : null
    if (!org || org.status !== 'claimed') orgNotFound()
    const [result] = await searchOrgs({ uscc })
    return ctx.view.render('orgs/join', {
      org,
      maskedAdmin: result?.maskedAdmin ?? null,
      tab: ctx.request.input('tab') === 'apply' ? 'apply' : 'verify',
    })
  }

  async verify(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(joinVerifyValidator)
    const membership = await joinByAdmin(applicantOf(ctx), payload.uscc, payload)
    ctx.session.flash('success', '已加入机构，可在“切换身份”中以员工身份办理业务')
    return ctx.response.redirect().toRoute('orgs.show', { id: membership.orgId })
  }

  async apply(ctx: HttpContext) {
    const payload = await ctx.request.validateUsing(joinApplyValidator)
    await applyToJoin(applicantOf(ctx), payload.uscc, payload.reason)
    ctx.session.flash('success', '加入申请已提交，请等待机构管理员审核')
    return ctx.response.redirect().toRoute('orgs.history')
  }
}
