import type { HttpContext } from '@adonisjs/core/http'
import { oneOf, page, text } from '#core/http/list_filters'
import { sendPrivateFile } from '#core/http/private_file'
import { NotFoundError } from '#core/rule_error'
import IssuedCertificatePolicy from '#issuance/policies/issued_certificate_policy'
import {
  certificateDetail,
  certificateFile,
  searchCertificates,
} from '#issuance/queries/certificates'
import { certificateHistory } from '#issuance/queries/history'
import {
  CERTIFICATE_STATUSES,
  PROFILES,
  REVOCATION_REASONS,
  type CertificateStatus,
  type Profile,
} from '#issuance/queries/labels'
import {
  resume,
  revoke,
  suspend,
  type StatusChangeResult,
} from '#issuance/actions/certificate_status'
import { resumeValidator, revokeValidator, suspendValidator } from '#issuance/validators'

/**
 * 证书查询 (back office): search by serial, subject, ID number / credit
 * code or reference; the detail page with downloads and 注销 / 冻结 / 解冻
 * (reviewers, a written reason each time, one audit entry per change).
 * A refusal of the lifecycle (IssuanceError) goes back to the page
 * through the exception handler.
 */
export default class CertificatesController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(IssuedCertificatePolicy).authorize('view')
    const qs = request.qs()
    const q = text(qs.q) ?? ''
    const status = oneOf(qs.status, Object.keys(CERTIFICATE_STATUSES) as CertificateStatus[])
    const profile = oneOf(qs.profile, Object.keys(PROFILES) as Profile[])
    const { paginator, items } = await searchCertificates({
      q,
      status,
      profile,
      page: page(qs.page),
    })
    return view.render('issuance/admin/certificates/index', {
      paginator,
      items,
      query: { q, status: status ?? '', profile: profile ?? '' },
      statuses: CERTIFICATE_STATUSES,
      profiles: Object.fromEntries(Object.entries(PROFILES).map(([k, v]) => [k, v.label])),
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(IssuedCertificatePolicy).authorize('view')
    const cert = await certificateDetail(params.serial)
    if (!cert) throw new NotFoundError()
    return view.render('issuance/admin/certificates/show', {
      cert,
      history: await certificateHistory(cert.serial),
      reasons: REVOCATION_REASONS,
      canChange: await bouncer.with(IssuedCertificatePolicy).allows('changeStatus'),
    })
  }

  /**
   * 下载: the certificate (.cer DER or .pem), or the chain (.p7b / .pem).
   */
  async download(ctx: HttpContext) {
    await ctx.bouncer.with(IssuedCertificatePolicy).authorize('view')
    const file = await certificateFile(ctx.params.serial, ctx.request.input('format', 'pem'))
    if (!file) throw new NotFoundError()
    return sendPrivateFile(ctx, file)
  }

  async revoke(ctx: HttpContext) {
    await ctx.bouncer.with(IssuedCertificatePolicy).authorize('changeStatus')
    const payload = await ctx.request.validateUsing(revokeValidator)
    const result = await revoke(ctx.params.serial, payload.revocationReason, {
      note: payload.revokeNote,
    })
    return this.#done(ctx, result, '证书已注销，CRL 与 OCSP 已即时更新')
  }

  async suspend(ctx: HttpContext) {
    await ctx.bouncer.with(IssuedCertificatePolicy).authorize('changeStatus')
    const payload = await ctx.request.validateUsing(suspendValidator)
    const result = await suspend(ctx.params.serial, { note: payload.suspendNote })
    return this.#done(ctx, result, '证书已冻结，CRL 与 OCSP 已即时更新')
  }

  async resume(ctx: HttpContext) {
    await ctx.bouncer.with(IssuedCertificatePolicy).authorize('changeStatus')
    const payload = await ctx.request.validateUsing(resumeValidator)
    const result = await resume(ctx.params.serial, { note: payload.resumeNote })
    return this.#done(ctx, result, '证书已解冻，CRL 与 OCSP 已即时更新')
  }

  #done({ response, session }: HttpContext, result: StatusChangeResult, message: string) {
    session.flash(
      'success',
      result.serials.length > 1 ? `${message}（同一云证书的签名与加密证书一并处理）` : message
    )
    return response.redirect().toRoute('admin.certificates.show', { serial: result.serials[0] })
  }
}
