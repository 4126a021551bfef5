import type { HttpContext } from '@adonisjs/core/http'
import { forgotPasswordValidator } from '#accounts/validators'
import { resetPassword } from '#accounts/actions/passwords'
import { AccountError } from '#accounts/errors'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { backToForm, sendCodeFromForm, wantsCode } from '#accounts/controllers/form_support'

/**
 * 忘记密码 (manual 001 §3): account + bound phone + SMS code + new password.
 */
export default class PasswordResetController {
  async create({ view }: HttpContext) {
    return view.render('accounts/auth/forgot')
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    const to = '/password/forgot'
    if (wantsCode(ctx)) return sendCodeFromForm(ctx, { purpose: 'reset_password', to })
    const payload = await request.validateUsing(forgotPasswordValidator)
    try {
      await resetPassword(payload)
      session.flash('success', ACCOUNT_TEXTS.passwordReset)
      return response.redirect('/login')
    } catch (error) {
      if (error instanceof AccountError) return backToForm(ctx, to, error.toFormError())
      throw error
    }
  }
}
