import type { HttpContext } from '@adonisjs/core/http'
import realNameConfig from '#config/realname'
import { NotFoundError } from '#core/rule_error'
import { qrSvg } from '#core/qr'
import realNames from '#accounts/realname/real_name_service'
import { expireIfStale } from '#accounts/realname/checks'
import { onlineRealNameValidator } from '#accounts/realname/validators'
import { absolutePageUrl, findOwnCheck } from '#accounts/queries/real_name'
import type User from '#accounts/models/user'

/**
 * 人脸识别 (中标一证通 §4: 身份认证 — 人脸审核 — 认证完成): the form starts
 * a session at the provider; the waiting page shows its H5 page as a QR
 * code and a link for the phone, and waits for the provider's callback —
 * reloading itself without JavaScript (<meta http-equiv="refresh">),
 * asking `status` quietly with it. Only the applicant who started a
 * session reaches it (404 otherwise).
 */
export default class FaceController {
  async store({ auth, request, response }: HttpContext) {
    const user = auth.getUserOrFail() as User
    const payload = await request.validateUsing(onlineRealNameValidator)
    const check = await realNames.startFace({ user, ip: request.ip() }, payload)
    return response.redirect().toRoute('accounts.real_name.face.show', { id: check.id })
  }

  async show({ auth, params, view }: HttpContext) {
    const check = await this.#own(auth, params.id)
    await expireIfStale(check)
    const pending = check.status === 'pending'
    const pageUrl = pending ? absolutePageUrl(check.h5Url) : null
    const user = auth.getUserOrFail() as User
    return view.render('accounts/realname/face', {
      check,
      user,
      pageUrl,
      qr: pageUrl ? await qrSvg(pageUrl, '人脸识别二维码') : null,
      sandbox: realNames.providers.face.sandbox,
      refreshSeconds: realNameConfig.face.refreshSeconds,
    })
  }

  /** for the page's quiet polling: { status, label, finished } */
  async status({ auth, params, response }: HttpContext) {
    const check = await this.#own(auth, params.id)
    await expireIfStale(check)
    return response.header('Cache-Control', 'no-store').json({
      status: check.status,
      label: check.statusLabel,
      finished: check.status !== 'pending',
    })
  }

  async #own(auth: HttpContext['auth'], id: unknown) {
    const user = auth.getUserOrFail() as User
    const check = typeof id === 'string' ? await findOwnCheck(user.id, id) : null
    if (!check || check.method !== 'face') throw new NotFoundError()
    return check
  }
}
