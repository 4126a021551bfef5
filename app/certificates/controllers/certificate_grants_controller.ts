import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError, RuleError } from '#core/rule_error'
import type { Applicant } from '#accounts/queries/users'
import { actingIdentityOf } from '#orgs/queries/acting'
import { membersOf } from '#orgs/queries/orgs'
import { findOwnCertificate } from '#certificates/queries/certificates'
import { grantCertificate, grantsOf, withdrawCertificateGrant } from '#certificates/actions/grants'
import { grantValidator } from '#certificates/validators'

/**
 * 证书授权 (an admin of the org that holds the certificate, acting for
 * it): the certificate's authorisations, a new one (member, from–to),
 * 撤回. Another org's certificate is a 404; a member who is not an admin
 * of it, or acting as 自然人, gets a 403 telling what to do.
 */
export default class CertificateGrantsController {
  async index(ctx: HttpContext) {
    const item = await this.#managed(ctx)
    return ctx.view.render('certificates/grants', {
      item,
      members: await membersOf(item.certificate.orgId!),
      grants: await grantsOf(item.certificate.id),
    })
  }

  async store(ctx: HttpContext) {
    const item = await this.#managed(ctx)
    const user = ctx.auth.getUserOrFail() as Applicant
    const payload = await ctx.request.validateUsing(grantValidator)
    const grant = await grantCertificate(item, payload, { type: 'user', id: user.id })
    ctx.session.flash('success', `已授权 ${grant.memberName} 使用该证书`)
    return ctx.response.redirect().toRoute('certificates.grants.index', { id: item.certificate.id })
  }

  async withdraw(ctx: HttpContext) {
    const item = await this.#managed(ctx)
    const user = ctx.auth.getUserOrFail() as Applicant
    await withdrawCertificateGrant(item, ctx.params.grantId, { type: 'user', id: user.id })
    ctx.session.flash('success', '授权已撤回')
    return ctx.response.redirect().toRoute('certificates.grants.index', { id: item.certificate.id })
  }

  async #managed(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail() as Applicant
    const item = await findOwnCertificate(user.id, ctx.params.id)
    if (!item) throw new NotFoundError()
    if (!item.certificate.orgId)
      throw new RuleError('个人证书仅限本人使用，不能授权他人', { status: 409 })
    const acting = await actingIdentityOf(ctx)
    if (acting?.kind !== 'org' || acting.org.id !== item.certificate.orgId || !acting.isAdmin)
      throw new RuleError('只有机构管理员可以授权证书：请在“切换身份”中以该机构管理员身份办理', {
        status: 403,
      })
    return item
  }
}
