import type { HttpContext } from '@adonisjs/core/http'
import staffAccounts, { StaffAccountError } from '#admin/actions/staff_accounts'
import { changeOwnPasswordValidator } from '#admin/validators'
import { STAFF_PASSWORD_STAMP_KEY, passwordStamp } from '#admin/actions/staff_auth'
import { penalize, peekRate, resetRate, describeWait, type RateRule } from '#core/rate_limit'

/** wrong current passwords per staff member before the form locks */
const CURRENT_PASSWORD_RULE: RateRule = { requests: 5, duration: '15 min', blockDuration: '15 min' }

/**
 * 修改密码 of the signed-in staff member (also the forced change after a
 * first login or a reset).
 */
export default class ProfileController {
  async editPassword({ bouncer, view, auth }: HttpContext) {
    await bouncer.authorize('accessBackOffice')
    return view.render('admin/profile/password', {
      forced: auth.use('admin').user!.mustChangePassword,
    })
  }

  async updatePassword({ bouncer, request, response, session, auth }: HttpContext) {
    await bouncer.authorize('accessBackOffice')
    const staff = auth.use('admin').user!
    const payload = await request.validateUsing(changeOwnPasswordValidator)
    const key = `staff-current-password:${staff.id}`
    const state = await peekRate(key, CURRENT_PASSWORD_RULE)
    if (!state.ok) {
      session.flash('error', `当前密码错误次数过多，请 ${describeWait(state.retryAfter)}后再试`)
      return response.redirect('/admin/profile/password')
    }
    try {
      const updated = await staffAccounts.changeOwnPassword(
        staff,
        payload.current_password,
        payload.password
      )
      await resetRate(key, CURRENT_PASSWORD_RULE)
      session.put(STAFF_PASSWORD_STAMP_KEY, passwordStamp(updated))
      session.flash('success', '密码已修改，请使用新密码登录')
      return response.redirect('/admin')
    } catch (error) {
      if (!(error instanceof StaffAccountError)) throw error
      if (error.field === 'current_password') await penalize(key, CURRENT_PASSWORD_RULE)
      session.flash('inputErrorsBag', { [error.field ?? 'password']: [error.message] })
      session.flash('error', '提交的信息有误，请按提示修改')
      return response.redirect('/admin/profile/password')
    }
  }
}
