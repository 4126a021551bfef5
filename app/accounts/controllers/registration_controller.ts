import type { HttpContext } from '@adonisjs/core/http'
import { ID_TYPES } from '#core/validation/identity'
import { registerOrgValidator, registerPersonValidator } from '#accounts/validators'
import { registerApplicant } from '#accounts/actions/registration'
import { AccountError } from '#accounts/errors'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { backToForm, sendCodeFromForm, wantsCode } from '#accounts/controllers/form_support'
import { signIn } from '#accounts/controllers/login_support'

function formUrl(type: unknown) {
  return type === 'org' ? '/register?type=org' : '/register'
}

/**
 * 用户注册 (自然人 / 机构/企业), manual 001 §1.
 */
export default class RegistrationController {
  async create({ view, request }: HttpContext) {
    const type = request.input('type') === 'org' ? 'org' : 'person'
    return view.render('accounts/auth/register', { type, idTypes: ID_TYPES })
  }

  async store(ctx: HttpContext) {
    const { request, session, response } = ctx
    const type = request.input('account_type')
    const to = formUrl(type)
    if (wantsCode(ctx)) return sendCodeFromForm(ctx, { purpose: 'register', to })

    const payload =
      type === 'org'
        ? await request.validateUsing(registerOrgValidator)
        : await request.validateUsing(registerPersonValidator)
    try {
      const user = await registerApplicant(payload)
      await signIn(ctx, user, 'password')
      session.flash('success', ACCOUNT_TEXTS.registered)
      return response.redirect('/account')
    } catch (error) {
      if (error instanceof AccountError) return backToForm(ctx, to, error.toFormError())
      throw error
    }
  }
}
