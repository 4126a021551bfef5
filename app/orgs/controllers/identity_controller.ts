import type { HttpContext } from '@adonisjs/core/http'
import { membershipsOf } from '#orgs/queries/orgs'
import { ACTING_SESSION_KEY, actingIdentityOf } from '#orgs/queries/acting'
import { switchIdentity } from '#orgs/actions/identity'
import { applicantOf } from '#orgs/controllers/support'

/**
 * 切换身份: 自然人 or a role in one of the person's orgs; the choice is
 * kept in the session and shown on every page.
 */
export default class IdentityController {
  async show(ctx: HttpContext) {
    const memberships = await membershipsOf(applicantOf(ctx).id)
    return ctx.view.render('orgs/identity', {
      memberships,
      acting: await actingIdentityOf(ctx),
    })
  }

  async update(ctx: HttpContext) {
    const target = String(ctx.request.input('identity') ?? 'person')
    const identity = await switchIdentity(applicantOf(ctx), target)
    if (identity) ctx.session.put(ACTING_SESSION_KEY, identity.membershipId)
    else ctx.session.forget(ACTING_SESSION_KEY)
    ctx.session.flash('success', `已切换为：${identity ? identity.label : '自然人'}`)
    return ctx.response.redirect().toRoute('orgs.identity.show')
  }
}
