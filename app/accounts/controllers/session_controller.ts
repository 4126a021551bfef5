import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { passwordLoginValidator, smsLoginValidator } from '#accounts/validators'
import {
  attemptPasswordLogin,
  attemptSmsLogin,
  recordLogout,
} from '#accounts/actions/authentication'
import { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { onFormPage, sendCodeFromForm, wantsCode } from '#accounts/http/form_support'
import { clientInfo, signIn } from '#accounts/controllers/login_support'

/**
 * 用户登录: 密码登录 (phone or email) and 短信登录 (免密码登录, registers an
 * unknown phone); 退出.
 */
export default class SessionController {
  async create({ view, request }: HttpContext) {
    const mode = request.input('mode') === 'sms' ? 'sms' : 'password'
    return view.render('accounts/auth/login', { mode })
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    const payload = await request.validateUsing(passwordLoginValidator)
    const user = await attemptPasswordLogin(payload.account, payload.password, clientInfo(ctx))
    const intended = await signIn(ctx, user, 'password')
    session.flash('success', `欢迎回来，${user.displayName}`)
    return intended
      ? response.redirect().toPath(intended)
      : response.redirect().toRoute('accounts.home')
  }

  async storeSms(ctx: HttpContext) {
    const { request, response, session } = ctx
    const to = urlFor('accounts.session.create', {}, { qs: { mode: 'sms' } })
    if (wantsCode(ctx)) return sendCodeFromForm(ctx, { purpose: 'login', to })
    const payload = await request.validateUsing(smsLoginValidator)
    return onFormPage(ctx, to, async () => {
      const { user, created } = await attemptSmsLogin(
        payload.phone,
        payload.smsCode,
        clientInfo(ctx)
      )
      const intended = await signIn(ctx, user, 'sms')
      if (created) {
        session.flash('info', ACCOUNT_TEXTS.setPasswordPrompt)
        return response.redirect().toRoute('accounts.password.edit')
      }
      session.flash('success', `欢迎回来，${user.displayName}`)
      if (!user.hasPassword) session.flash('info', ACCOUNT_TEXTS.setPasswordPrompt)
      return intended
        ? response.redirect().toPath(intended)
        : response.redirect().toRoute('accounts.home')
    })
  }

  async destroy({ auth, session, response }: HttpContext) {
    const guard = auth.use('web')
    if (await guard.check()) {
      await recordLogout(guard.user!, session.get(DEVICE_SESSION_KEY))
      await guard.logout()
    }
    session.forget(DEVICE_SESSION_KEY)
    session.flash('success', ACCOUNT_TEXTS.loggedOut)
    return response.redirect().toRoute('accounts.session.create')
  }
}
