import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import type { Applicant } from '#accounts/queries/users'
import { findOwnCertificate } from '#certificates/queries/certificates'
import { decideFor } from '#certificates/queries/certificate_services'
import {
  REVOKE_WARNINGS,
  resumeByHolder,
  revokeByHolder,
  suspendByHolder,
} from '#certificates/actions/holder_status'
import { CertificateActionError } from '#certificates/errors'
import { sendUnlockCode, unlockCertificate, unlockMode } from '#certificates/actions/unlock'
import { ukeySandboxRules } from '#certificates/queries/certificate_services'
import { maskPhone } from '#core/validation/identity'
import { recordUnbinding, unbindingsOf, UNBIND_STATUSES } from '#certificates/actions/unbind'
import {
  revokeValidator,
  suspendValidator,
  unbindValidator,
  unlockValidator,
} from '#certificates/validators'

/**
 * The holder's services on one certificate that need no order: 注销,
 * 冻结/解冻 (free, immediate). Another holder's certificate is a 404.
 */
export default class CertificateServicesController {
  async revokeForm(ctx: HttpContext) {
    const item = await this.#own(ctx)
    await this.#allowed(item, 'revoke')
    return ctx.view.render('certificates/revoke', { item, warnings: REVOKE_WARNINGS })
  }

  async revoke(ctx: HttpContext) {
    const item = await this.#own(ctx)
    const payload = await ctx.request.validateUsing(revokeValidator)
    await revokeByHolder(item, { reason: payload.reason })
    return this.#done(ctx, item, '证书已注销，证书吊销列表与在线状态查询已立即更新')
  }

  async suspendForm(ctx: HttpContext) {
    const item = await this.#own(ctx)
    const frozen = item.caStatus === 'suspended'
    await this.#allowed(item, frozen ? 'resume' : 'suspend')
    return ctx.view.render('certificates/suspend', { item, frozen })
  }

  async suspend(ctx: HttpContext) {
    const item = await this.#own(ctx)
    const payload = await ctx.request.validateUsing(suspendValidator)
    await suspendByHolder(item, { reason: payload.reason })
    return this.#done(ctx, item, '证书已冻结')
  }

  async resume(ctx: HttpContext) {
    const item = await this.#own(ctx)
    await resumeByHolder(item)
    return this.#done(ctx, item, '证书已解冻，恢复正常使用')
  }

  async unlockForm(ctx: HttpContext) {
    const item = await this.#own(ctx)
    await this.#allowed(item, 'unlock')
    const user = ctx.auth.getUserOrFail() as Applicant
    return ctx.view.render('certificates/unlock', {
      item,
      mode: await unlockMode(item),
      reservedPhone: maskPhone(user.phone),
      ownPhone: user.phone,
      sandbox: item.certificate.medium === 'ukey' ? ukeySandboxRules() : null,
      result: ctx.session.flashMessages.get('unlockCode') ?? null,
    })
  }

  async unlock(ctx: HttpContext) {
    const item = await this.#own(ctx)
    const user = ctx.auth.getUserOrFail() as Applicant
    const payload = await ctx.request.validateUsing(unlockValidator)
    const ip = ctx.request.ip()
    if (payload.intent === 'send_code') {
      const message = await sendUnlockCode(item, user, payload.phone ?? null, ip)
      ctx.session.flashExcept(['_csrf', 'sms_code', 'new_pin', 'new_pin_confirmation'])
      ctx.session.flash('success', message)
      return ctx.response
        .redirect()
        .toRoute('certificates.unlock.form', { id: item.certificate.id })
    }
    const result = await unlockCertificate(item, user, payload, ip)
    if (!result.code) return this.#done(ctx, item, '证书已解锁，新 PIN 码已生效，请牢记')
    ctx.session.flash('unlockCode', { code: result.code, challenge: result.challenge })
    return ctx.response.redirect().toRoute('certificates.unlock.form', { id: item.certificate.id })
  }

  async unbindForm(ctx: HttpContext) {
    const item = await this.#own(ctx)
    await this.#allowed(item, 'unbind')
    return ctx.view.render('certificates/unbind', {
      item,
      records: await unbindingsOf(item.certificate.id),
      statuses: UNBIND_STATUSES,
    })
  }

  async unbind(ctx: HttpContext) {
    const item = await this.#own(ctx)
    const user = ctx.auth.getUserOrFail() as Applicant
    const payload = await ctx.request.validateUsing(unbindValidator)
    await recordUnbinding(item, user.id, payload)
    ctx.session.flash('success', '解绑申请已登记，交易平台处理后即可重新绑定')
    return ctx.response.redirect().toRoute('certificates.unbind.form', { id: item.certificate.id })
  }

  /** the service done: its message, back to the certificate's page */
  #done(ctx: HttpContext, item: { certificate: { id: string } }, message: string) {
    ctx.session.flash('success', message)
    return ctx.response.redirect().toRoute('certificates.show', { id: item.certificate.id })
  }

  /** a page of a service the rules refuse: a Chinese page with the reason (409) */
  async #allowed(
    item: NonNullable<Awaited<ReturnType<typeof findOwnCertificate>>>,
    service: 'revoke' | 'suspend' | 'resume' | 'unlock' | 'unbind'
  ) {
    const decision = await decideFor(item, service)
    if (!decision.allowed) throw new CertificateActionError(decision.reason, { status: 409 })
  }

  async #own({ auth, params }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    const item = await findOwnCertificate(user.id, params.id)
    if (!item) throw new NotFoundError()
    return item
  }
}
