import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { changePasswordValidator } from '#accounts/validators'
import { changePassword } from '#accounts/actions/passwords'
import { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'
import { ACCOUNT_TEXTS } from '#accounts/messages'

/**
 * 修改密码 (当前密码 + 新密码 + 确认新密码), or 设置密码 for an account
 * made by SMS login.
 */
export default class PasswordController {
  async edit({ auth, view }: HttpContext) {
    const user = auth.use('web').user as User
    return view.render('accounts/account/password', { user })
  }

  async update({ auth, request, response, session }: HttpContext) {
    const user = auth.use('web').user as User
    const payload = await request.validateUsing(changePasswordValidator)
    const result = await changePassword(user, payload, session.get(DEVICE_SESSION_KEY) ?? null)
    session.flash(
      'success',
      result === 'set' ? ACCOUNT_TEXTS.passwordSet : ACCOUNT_TEXTS.passwordChanged
    )
    return response.redirect().toRoute('accounts.account.show')
  }
}
