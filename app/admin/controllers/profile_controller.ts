import type { HttpContext } from '@adonisjs/core/http'
import staffAccounts from '#admin/actions/staff_accounts'
import { RuleError, isRuleError } from '#core/rule_error'
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
      throw new RuleError(`当前密码错误次数过多，请 ${describeWait(state.retryAfter)}后再试`)
    }
    let updated
    try {
      updated = await staffAccounts.changeOwnPassword(
        staff,
        payload.current_password,
        payload.password,
        session.sessionId
      )
    } catch (error) {
      // a wrong current password counts towards the lock; the handler shows the message
      if (isRuleError(error) && error.field === 'current_password') {
        await penalize(key, CURRENT_PASSWORD_RULE)
      }
      throw error
    }
    await resetRate(key, CURRENT_PASSWORD_RULE)
    session.put(STAFF_PASSWORD_STAMP_KEY, passwordStamp(updated))
    session.flash('success', '密码已修改，请使用新密码登录')
    return response.redirect().toRoute('admin.dashboard')
  }
}
