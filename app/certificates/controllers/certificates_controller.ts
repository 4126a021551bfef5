import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { ChineseMessagesProvider } from '#core/validation/messages'
import { withFieldLabels } from '#core/validation/messages'
import { secretFields } from '#core/form_secrets'
import { certificateDer, certificatePem, chainP7b, chainPem } from '#issuance/queries/certificates'
import {
  CertificateActionError,
  changeCertificatePin,
  downloadPkcs12,
} from '#certificates/actions/cloud_keys'
import {
  DISPLAY_STATUSES,
  findOwnCertificate,
  ownCertificates,
  pinState,
} from '#certificates/queries/certificates'
import type User from '#accounts/models/user'

const FIELD_LABELS: Record<string, string> = {
  pin: 'PIN 码',
  new_pin: '新 PIN 码',
  new_pin_confirmation: '确认新 PIN 码',
  export_password: '导出密码',
  export_password_confirmation: '确认导出密码',
}
const { create: createValidator } = withFieldLabels(FIELD_LABELS)

const pinChangeValidator = createValidator({
  pin: vine
    .string()
    .trim()
    .regex(/^\d{6}$/),
  new_pin: vine
    .string()
    .trim()
    .regex(/^\d{6}$/)
    .confirmed({ confirmationField: 'new_pin_confirmation' }),
})

/**
 * PKCS#12 download: the PIN opens the key, the export password (chosen
 * here, typed twice, never trimmed) protects the file.
 */
const pkcs12Validator = createValidator({
  pin: vine
    .string()
    .trim()
    .regex(/^\d{6}$/),
  export_password: vine
    .string()
    .minLength(8)
    .maxLength(64)
    .confirmed({ confirmationField: 'export_password_confirmation' }),
  usage: vine.enum(['sign', 'encrypt'] as const).optional(),
})

const pinMessages = {
  'pin.regex': 'PIN 码为 6 位数字',
  'new_pin.regex': 'PIN 码为 6 位数字',
  'new_pin.confirmed': '两次输入的新 PIN 码不一致',
  'new_pin_confirmation.confirmed': '两次输入的新 PIN 码不一致',
  'export_password.required': '请设置导出密码（用于保护下载的 .p12 文件）',
  'export_password.minLength': '导出密码至少 8 个字符',
  'export_password.maxLength': '导出密码不能超过 64 个字符',
  'export_password_confirmation.confirmed': '两次输入的导出密码不一致',
}

/**
 * 我的证书: the holder's certificates with status 正常/冻结/已失效, the
 * downloads (.cer, chain .p7b, PKCS#12 after the PIN) and the PIN change.
 */
export default class CertificatesController {
  async index({ auth, request, view }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const status = typeof request.qs().status === 'string' ? request.qs().status : ''
    const all = await ownCertificates(user.id)
    return view.render('certificates/index', {
      items: status && status in DISPLAY_STATUSES ? all.filter((v) => v.status === status) : all,
      counts: Object.fromEntries(
        Object.keys(DISPLAY_STATUSES).map((k) => [k, all.filter((v) => v.status === k).length])
      ),
      total: all.length,
      status,
      statuses: DISPLAY_STATUSES,
    })
  }

  async show({ auth, params, view, response }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const item = await findOwnCertificate(user.id, params.id)
    if (!item) return response.notFound()
    return view.render('certificates/show', { item, pin: await pinState(item.certificate) })
  }

  /**
   * .cer (DER) or .pem of the certificate; enc=1 for the encryption
   * certificate of a cloud pair.
   */
  async download({ auth, params, request, response }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const item = await findOwnCertificate(user.id, params.id)
    if (!item) return response.notFound()
    const cert = item.certificate
    const serial = request.qs().enc === '1' && cert.encSerial ? cert.encSerial : cert.serial
    const format = params.format
    if (format === 'cer') {
      const der = await certificateDer(serial)
      if (!der) return response.notFound()
      return this.#file(response, der, 'application/pkix-cert', `${serial.toUpperCase()}.cer`)
    }
    if (format === 'pem') {
      const pem = await certificatePem(serial)
      if (!pem) return response.notFound()
      return this.#file(
        response,
        Buffer.from(pem),
        'application/x-pem-file',
        `${serial.toUpperCase()}.pem`
      )
    }
    if (format === 'p7b') {
      const p7b = await chainP7b(serial)
      if (!p7b) return response.notFound()
      return this.#file(
        response,
        p7b,
        'application/x-pkcs7-certificates',
        `${serial.toUpperCase()}-chain.p7b`
      )
    }
    if (format === 'chain') {
      const pem = await chainPem(serial)
      if (!pem) return response.notFound()
      return this.#file(
        response,
        Buffer.from(pem),
        'application/x-pem-file',
        `${serial.toUpperCase()}-chain.pem`
      )
    }
    return response.notFound()
  }

  async pkcs12({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const item = await findOwnCertificate(user.id, params.id)
    if (!item) return response.notFound()
    const payload = await request.validateUsing(pkcs12Validator, {
      messagesProvider: messagesFor(),
    })
    try {
      const result = await downloadPkcs12(
        item.certificate,
        payload.pin,
        payload.export_password,
        payload.usage ?? 'sign'
      )
      return this.#file(response, result.pkcs12, 'application/x-pkcs12', result.filename)
    } catch (error) {
      if (!(error instanceof CertificateActionError)) throw error
      // what was chosen stays (the certificate to export), the secrets do not
      session.flashExcept(['_csrf', ...secretFields(request.all())])
      session.flash('inputErrorsBag', { [error.field ?? 'pin']: [error.message] })
      session.flash('error', error.message)
      return response.redirect(`/certificates/${item.certificate.id}#pkcs12`)
    }
  }

  async pinForm({ auth, params, view, response }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const item = await findOwnCertificate(user.id, params.id)
    if (!item || !item.certificate.credentialId) return response.notFound()
    return view.render('certificates/pin', { item, pin: await pinState(item.certificate) })
  }

  async changePin({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const item = await findOwnCertificate(user.id, params.id)
    if (!item || !item.certificate.credentialId) return response.notFound()
    const payload = await request.validateUsing(pinChangeValidator, {
      messagesProvider: messagesFor(),
    })
    try {
      await changeCertificatePin(item.certificate, payload.pin, payload.new_pin)
    } catch (error) {
      if (!(error instanceof CertificateActionError)) throw error
      session.flash('inputErrorsBag', { [error.field ?? 'pin']: [error.message] })
      return response.redirect(`/certificates/${item.certificate.id}/pin`)
    }
    session.flash('success', 'PIN 码已修改，请牢记新 PIN 码')
    return response.redirect(`/certificates/${item.certificate.id}`)
  }

  #file(response: HttpContext['response'], body: Buffer, type: string, filename: string) {
    response.header('Content-Type', type)
    response.header('Content-Disposition', `attachment; filename="${filename}"`)
    response.header('Cache-Control', 'private, no-store')
    return response.send(body)
  }
}

function messagesFor() {
  return new ChineseMessagesProvider(pinMessages, FIELD_LABELS)
}
