import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { NotFoundError } from '#core/rule_error'
import realNames from '#accounts/realname/real_name_service'
import { SandboxFaceProvider } from '#accounts/realname/providers/sandbox_face'
import { sandboxFaceValidator } from '#accounts/realname/validators'
import { findSandboxFaceSession } from '#accounts/queries/real_name'

/**
 * 人脸识别 in the sandbox: plays the provider's H5 page (reached by the QR
 * code or link, on the phone, without a login). 模拟识别成功 / 模拟识别失败
 * post the signed callback a real provider would send, through the same
 * verified path. Whoever holds the page's token may use it, as with a real
 * provider's link — except another signed-in applicant (404). Only while
 * the face provider is the sandbox.
 */
export default class SandboxFaceController {
  async show({ params, view, auth }: HttpContext) {
    const { check } = await this.#find(params.token, auth)
    return view.render('accounts/realname/sandbox_face', {
      check,
      token: params.token,
      usable: this.#usable(check),
    })
  }

  async submit({ params, request, response, session, auth }: HttpContext) {
    const { check, provider } = await this.#find(params.token, auth)
    const { outcome } = await request.validateUsing(sandboxFaceValidator)
    if (!this.#usable(check)) {
      session.flash(
        'error',
        check.status === 'pending'
          ? '该识别会话已过期，请返回电脑端重新发起'
          : '该识别已结束，无需再次操作'
      )
    } else {
      const answer = await realNames.receiveFaceCallback(
        provider.buildCallback(
          { requestId: check.id, providerRef: check.providerRef! },
          outcome === 'pass'
        )
      )
      if (answer.status !== 200) session.flash('error', '沙箱回调未被接受，请返回电脑端重新发起')
      else
        session.flash(
          outcome === 'pass' ? 'success' : 'warning',
          outcome === 'pass' ? '已模拟识别成功，请返回电脑端查看结果' : '已模拟识别失败'
        )
    }
    return response.redirect().toRoute('accounts.real_name.sandbox_face.show', {
      token: params.token,
    })
  }

  #usable(check: { status: string; expiresAt: DateTime | null }) {
    return (
      check.status === 'pending' && Boolean(check.expiresAt && check.expiresAt > DateTime.utc())
    )
  }

  async #find(token: unknown, auth: HttpContext['auth']) {
    const provider = realNames.providers.face
    if (!(provider instanceof SandboxFaceProvider)) throw new NotFoundError()
    const check = typeof token === 'string' ? await findSandboxFaceSession(token) : null
    if (!check) throw new NotFoundError()
    const viewer = auth.use('web').user as { id: string } | undefined
    if (viewer && viewer.id !== check.userId) throw new NotFoundError()
    return { check, provider }
  }
}
