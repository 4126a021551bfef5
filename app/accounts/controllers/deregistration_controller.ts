import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { deregisterValidator } from '#accounts/validators'
import { deregisterAccount, deregistrationBlockers } from '#accounts/actions/deregistration'
import { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'
import { findAgreement } from '#accounts/agreements'
import { AccountError } from '#accounts/errors'
import { backToForm, sendCodeFromForm, wantsCode } from '#accounts/controllers/form_support'

/**
 * 注销账号: the consequences, what still blocks it, confirmation by SMS
 * code to the account's phone and the checkbox.
 */
export default class DeregistrationController {
  async show({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    return view.render('accounts/account/deregister', {
      user,
      blockers: await deregistrationBlockers(user.id),
      notice: findAgreement('deregistration'),
    })
  }

  async store(ctx: HttpContext) {
    const { auth, request, response, session } = ctx
    const user = auth.use('web').user as User
    const to = '/account/deregister'
    const blockers = await deregistrationBlockers(user.id)
    if (blockers.length)
      return backToForm(ctx, to, { message: `暂不能注销：${blockers.join('；')}` })
    if (wantsCode(ctx))
      return sendCodeFromForm(ctx, { purpose: 'deregister', to, phone: user.phone })
    const payload = await request.validateUsing(deregisterValidator)
    try {
      await deregisterAccount(user, payload.sms_code)
    } catch (error) {
      if (error instanceof AccountError) return backToForm(ctx, to, error.toFormError())
      throw error
    }
    await auth.use('web').logout()
    session.forget(DEVICE_SESSION_KEY)
    session.flash('success', '账号已注销，所有设备已退出登录。如需恢复，可通过“账号申诉”提交申请。')
    return response.redirect('/')
  }
}
