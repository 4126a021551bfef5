import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { deregisterValidator } from '#accounts/validators'
import { deregisterAccount, deregistrationBlockers } from '#accounts/actions/deregistration'
import { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'
import { findAgreement } from '#accounts/agreements'
import { AccountError } from '#accounts/errors'
import { sendCodeFromForm, wantsCode } from '#accounts/http/form_support'

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
    /* no code is sent while something blocks it */
    const blockers = await deregistrationBlockers(user.id)
    if (blockers.length) throw new AccountError(`暂不能注销：${blockers.join('；')}`)
    if (wantsCode(ctx)) {
      return sendCodeFromForm(ctx, { purpose: 'deregister', phone: user.phone })
    }
    const payload = await request.validateUsing(deregisterValidator)
    await deregisterAccount(user, payload.smsCode)
    await auth.use('web').logout()
    session.forget(DEVICE_SESSION_KEY)
    session.flash('success', '账号已注销，所有设备已退出登录。如需恢复，可通过“账号申诉”提交申请。')
    return response.redirect().toRoute('accounts.home')
  }
}
