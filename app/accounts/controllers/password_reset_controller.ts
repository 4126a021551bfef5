import type { HttpContext } from '@adonisjs/core/http'
import { forgotPasswordValidator } from '#accounts/validators'
import { resetPassword } from '#accounts/actions/passwords'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { sendCodeFromForm, wantsCode } from '#accounts/http/form_support'

/**
 * 忘记密码 (manual 001 §3): account + bound phone + SMS code + new password.
 */
export default class PasswordResetController {
  async create({ view }: HttpContext) {
    return view.render('accounts/auth/forgot')
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    if (wantsCode(ctx)) {
      return sendCodeFromForm(ctx, { purpose: 'reset_password' })
    }
    const payload = await request.validateUsing(forgotPasswordValidator)
    await resetPassword(payload)
    session.flash('success', ACCOUNT_TEXTS.passwordReset)
    return response.redirect().toRoute('accounts.session.create')
  }
}
