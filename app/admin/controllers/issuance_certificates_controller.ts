import type { HttpContext } from '@adonisjs/core/http'
import IssuedCertificatePolicy from '#issuance/policies/issued_certificate_policy'
import {
  certificateDetail,
  chainP7b,
  chainPem,
  searchCertificates,
} from '#issuance/queries/certificates'
import { revoke, resume, suspend } from '#issuance/actions/certificate_status'
import { isIssuanceError } from '#issuance/services/errors'
import { CERTIFICATE_STATUSES, REVOCATION_REASONS } from '#issuance/services/lifecycle'
import { PROFILES } from '#issuance/services/profiles'
import { normaliseSerial } from '#issuance/services/serials'
import { fromPem } from '#issuance/services/x509'
import { resumeValidator, revokeValidator, suspendValidator } from '#issuance/validators'
import { certificateHistory } from '#issuance/queries/history'

/**
 * 证书查询: search by serial, subject, ID number / credit code or
 * reference; the detail page with 注销 / 冻结 / 解冻 (reviewers, a
 * written reason each time, one audit entry per change).
 */
export default class IssuanceCertificatesController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(IssuedCertificatePolicy).authorize('view')
    const qs = request.qs()
    const q = typeof qs.q === 'string' ? qs.q.trim().slice(0, 100) : ''
    const status =
      typeof qs.status === 'string' && qs.status in CERTIFICATE_STATUSES
        ? (qs.status as keyof typeof CERTIFICATE_STATUSES)
        : null
    const profile =
      typeof qs.profile === 'string' && qs.profile in PROFILES
        ? (qs.profile as keyof typeof PROFILES)
        : null
    const page = Math.max(1, Number(qs.page) || 1)
    const { paginator, items } = await searchCertificates({ q, status, profile, page })
    return view.render('admin/certificates/index', {
      paginator,
      items,
      query: { q, status: status ?? '', profile: profile ?? '' },
      statuses: CERTIFICATE_STATUSES,
      profiles: Object.fromEntries(Object.entries(PROFILES).map(([k, v]) => [k, v.label])),
    })
  }

  async show({ bouncer, params, view, response }: HttpContext) {
    await bouncer.with(IssuedCertificatePolicy).authorize('view')
    const serial = normaliseSerial(params.serial)
    const cert = serial ? await certificateDetail(serial) : null
    if (!cert) return response.notFound()
    return view.render('admin/certificates/show', {
      cert,
      history: await certificateHistory(cert.serial),
      reasons: REVOCATION_REASONS,
      canChange: await bouncer.with(IssuedCertificatePolicy).allows('changeStatus'),
    })
  }

  /**
   * 下载: the certificate (.cer DER or .pem), or the chain (.p7b / .pem).
   */
  async download({ bouncer, params, request, response }: HttpContext) {
    await bouncer.with(IssuedCertificatePolicy).authorize('view')
    const serial = normaliseSerial(params.serial)
    const format = String(request.input('format', 'pem'))
    if (!serial || !['pem', 'cer', 'p7b', 'chain'].includes(format)) return response.notFound()
    let body: Buffer | string | null = null
    let type = 'application/x-pem-file'
    let ext = 'pem'
    if (format === 'p7b') {
      body = await chainP7b(serial)
      type = 'application/x-pkcs7-certificates'
      ext = 'p7b'
    } else {
      const pem = await chainPem(serial)
      if (pem && format === 'chain') body = pem
      else if (pem) {
        const first = pem.slice(
          0,
          pem.indexOf('-----END CERTIFICATE-----') + '-----END CERTIFICATE-----\n'.length
        )
        body = format === 'cer' ? fromPem(first) : first
        if (format === 'cer') {
          type = 'application/pkix-cert'
          ext = 'cer'
        }
      }
    }
    if (!body) return response.notFound()
    const name = format === 'chain' ? `${serial.toUpperCase()}-chain` : serial.toUpperCase()
    response.header('Content-Type', type)
    response.header('Content-Disposition', `attachment; filename="${name}.${ext}"`)
    return response.send(body)
  }

  async revoke(ctx: HttpContext) {
    await ctx.bouncer.with(IssuedCertificatePolicy).authorize('changeStatus')
    const payload = await ctx.request.validateUsing(revokeValidator)
    return this.apply(
      ctx,
      (serial) => revoke(serial, payload.revocation_reason, { note: payload.revoke_note }),
      '证书已注销，CRL 与 OCSP 已即时更新'
    )
  }

  async suspend(ctx: HttpContext) {
    await ctx.bouncer.with(IssuedCertificatePolicy).authorize('changeStatus')
    const payload = await ctx.request.validateUsing(suspendValidator)
    return this.apply(
      ctx,
      (serial) => suspend(serial, { note: payload.suspend_note }),
      '证书已冻结，CRL 与 OCSP 已即时更新'
    )
  }

  async resume(ctx: HttpContext) {
    await ctx.bouncer.with(IssuedCertificatePolicy).authorize('changeStatus')
    const payload = await ctx.request.validateUsing(resumeValidator)
    return this.apply(
      ctx,
      (serial) => resume(serial, { note: payload.resume_note }),
      '证书已解冻，CRL 与 OCSP 已即时更新'
    )
  }

  private async apply(
    { params, response, session }: HttpContext,
    change: (serial: string) => Promise<{ serials: string[] }>,
    message: string
  ) {
    const serial = normaliseSerial(params.serial)
    if (!serial) return response.notFound()
    try {
      const result = await change(serial)
      session.flash(
        'success',
        result.serials.length > 1 ? `${message}（同一云证书的签名与加密证书一并处理）` : message
      )
    } catch (error) {
      if (!isIssuanceError(error)) throw error
      if (error.code === 'not_found') return response.notFound()
      session.flashExcept(['_csrf', '_method'])
      session.flash('error', error.message)
    }
    return response.redirect(`/admin/certificates/${serial}`)
  }
}
