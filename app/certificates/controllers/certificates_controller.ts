import type { HttpContext } from '@adonisjs/core/http'
import { oneOf } from '#core/http/list_filters'
import { sendPrivateFile } from '#core/http/private_file'
import { NotFoundError } from '#core/rule_error'
import type { Applicant } from '#accounts/queries/users'
import { certificateFile } from '#issuance/queries/certificates'
import { changeCertificatePin, downloadPkcs12 } from '#certificates/actions/cloud_keys'
import {
  DISPLAY_STATUSES,
  findOwnCertificate,
  ownCertificates,
  pinState,
  type DisplayStatus,
} from '#certificates/queries/certificates'
import { servicesFor } from '#certificates/queries/certificate_services'
import { pinChangeValidator, pkcs12Validator } from '#certificates/validators'

/**
 * 我的证书: the holder's certificates with status 正常/冻结/已失效, the
 * downloads (.cer, chain .p7b, PKCS#12 after the PIN; private files) and
 * the PIN change. Refusals of the CA come back at their form field
 * through the exception handler.
 */
export default class CertificatesController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail() as Applicant
    const status =
      oneOf(request.qs().status, Object.keys(DISPLAY_STATUSES) as DisplayStatus[]) ?? ''
    const all = await ownCertificates(user.id)
    const shown = status ? all.filter((v) => v.status === status) : all
    return view.render('certificates/index', {
      items: await Promise.all(shown.map(async (v) => ({ ...v, services: await servicesFor(v) }))),
      counts: Object.fromEntries(
        Object.keys(DISPLAY_STATUSES).map((k) => [k, all.filter((v) => v.status === k).length])
      ),
      total: all.length,
      status,
      statuses: DISPLAY_STATUSES,
    })
  }

  async show(ctx: HttpContext) {
    const item = await this.#own(ctx)
    return ctx.view.render('certificates/show', {
      item,
      pin: await pinState(item.certificate),
      services: await servicesFor(item),
    })
  }

  /**
   * .cer (DER) or .pem of the certificate, the chain as .p7b or PEM;
   * enc=1 for the encryption certificate of a cloud pair.
   */
  async download(ctx: HttpContext) {
    const { certificate: cert } = await this.#own(ctx)
    const serial = ctx.request.qs().enc === '1' && cert.encSerial ? cert.encSerial : cert.serial
    const file = await certificateFile(serial, ctx.params.format)
    if (!file) throw new NotFoundError()
    return sendPrivateFile(ctx, file)
  }

  async pkcs12(ctx: HttpContext) {
    const item = await this.#own(ctx)
    const payload = await ctx.request.validateUsing(pkcs12Validator)
    const result = await downloadPkcs12(
      item.certificate,
      payload.pin,
      payload.exportPassword,
      payload.usage ?? 'sign'
    )
    return sendPrivateFile(ctx, {
      bytes: result.pkcs12,
      mime: 'application/x-pkcs12',
      name: result.filename,
    })
  }

  async pinForm(ctx: HttpContext) {
    const item = await this.#own(ctx, { cloud: true })
    return ctx.view.render('certificates/pin', { item, pin: await pinState(item.certificate) })
  }

  async changePin(ctx: HttpContext) {
    const item = await this.#own(ctx, { cloud: true })
    const payload = await ctx.request.validateUsing(pinChangeValidator)
    await changeCertificatePin(item.certificate, payload.pin, payload.newPin)
    ctx.session.flash('success', 'PIN 码已修改，请牢记新 PIN 码')
    return ctx.response.redirect().toRoute('certificates.show', { id: item.certificate.id })
  }

  /** the signed-in holder's certificate of the URL (a cloud one for the PIN pages), else 404 */
  async #own({ auth, params }: HttpContext, options: { cloud?: boolean } = {}) {
    const user = auth.getUserOrFail() as Applicant
    const item = await findOwnCertificate(user.id, params.id)
    if (!item || (options.cloud && !item.certificate.credentialId)) throw new NotFoundError()
    return item
  }
}
