import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { ID_TYPES } from '#core/validation/identity'
import { registerOrgValidator, registerPersonValidator } from '#accounts/validators'
import { registerApplicant } from '#accounts/actions/registration'
import { ACCOUNT_TEXTS } from '#accounts/messages'
import { onFormPage, sendCodeFromForm, wantsCode } from '#accounts/http/form_support'
import { signIn } from '#accounts/controllers/login_support'

/** the form page of each account type (机构/企业 is /register?type=org) */
function formUrl(type: unknown) {
  return urlFor('accounts.register.create', {}, type === 'org' ? { qs: { type: 'org' } } : {})
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
    if (wantsCode(ctx)) {
      return sendCodeFromForm(ctx, {
        purpose: 'register',
        to,
        keepPasswords: ['password', 'password_confirmation'],
      })
    }

    const payload =
      type === 'org'
        ? await request.validateUsing(registerOrgValidator)
        : await request.validateUsing(registerPersonValidator)
    return onFormPage(ctx, to, async () => {
      const user = await registerApplicant(payload)
      await signIn(ctx, user, 'password')
      session.flash('success', ACCOUNT_TEXTS.registered)
      return response.redirect().toRoute('accounts.account.show')
    })
  }
}
