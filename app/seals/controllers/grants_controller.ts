import type { HttpContext } from '@adonisjs/core/http'
import { RuleError } from '#core/rule_error'
import { membersOf } from '#orgs/queries/orgs'
import { grantSeals, withdrawGrant } from '#seals/actions/grants'
import { grantsOfOrg, sealsOf, usagesOf } from '#seals/queries/seals'
import { requireManager, sealContext } from '#seals/controllers/support'

/**
 * 用章授权 (an org's admin, acting for the org): members × seals × period,
 * batch; withdraw. 用章记录: the admin sees all members', a member their
 * own; a person their own seals'.
 */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  return typeof value === 'string' && value ? [value] : []
}

export default class GrantsController {
  async index(ctx: HttpContext) {
    const context = await sealContext(ctx)
    if (context.owner.type !== 'org')
      throw new RuleError('请先切换到机构身份再进行用章授权', { status: 403 })
    requireManager(context)
    const orgId = context.owner.orgId
    const [members, seals, grants] = await Promise.all([
      membersOf(orgId),
      sealsOf(context.ref),
      grantsOfOrg(orgId),
    ])
    return ctx.view.render('seals/grants', {
      context,
      members,
      seals: seals.filter((s) => s.status === 'active'),
      grants,
    })
  }

  async store(ctx: HttpContext) {
    const context = await sealContext(ctx)
    if (context.owner.type !== 'org')
      throw new RuleError('请先切换到机构身份再进行用章授权', { status: 403 })
    requireManager(context)
    const grants = await grantSeals(
      context.owner.orgId,
      {
        userIds: list(ctx.request.input('user_ids')),
        sealIds: list(ctx.request.input('seal_ids')),
        from: String(ctx.request.input('from') ?? ''),
        to: String(ctx.request.input('to') ?? ''),
      },
      { type: 'user', id: context.applicant.id }
    )
    ctx.session.flash('success', `已完成授权（${grants.length} 条）`)
    return ctx.response.redirect().toRoute('seals.grants.index')
  }

  async withdraw(ctx: HttpContext) {
    const context = await sealContext(ctx)
    if (context.owner.type !== 'org') throw new RuleError('请先切换到机构身份', { status: 403 })
    requireManager(context)
    await withdrawGrant(context.owner.orgId, ctx.params.id, {
      type: 'user',
      id: context.applicant.id,
    })
    ctx.session.flash('success', '授权已撤回')
    return ctx.response.redirect().toRoute('seals.grants.index')
  }

  async usages(ctx: HttpContext) {
    const context = await sealContext(ctx)
    const usages =
      context.owner.type === 'org'
        ? await usagesOf({
            orgId: context.owner.orgId,
            userId: context.applicant.id,
            allMembers: context.manages,
          })
        : await usagesOf({ personUserId: context.applicant.id })
    return ctx.view.render('seals/usages', { context, usages })
  }
}
