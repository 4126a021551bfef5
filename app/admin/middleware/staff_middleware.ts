import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { menuFor } from '#admin/back_office'
import type Staff from '#admin/models/staff'
import { STAFF_PASSWORD_STAMP_KEY, passwordStamp } from '#admin/actions/staff_auth'

/**
 * Routes a staff member who must change the password may still open.
 */
const PASSWORD_CHANGE_ROUTES = new Set(['admin.profile.password', 'admin.profile.password.update'])

/**
 * Back-office pages: signed-in, active staff only. A session whose
 * password has since been changed or reset ends here (the change also
 * deletes the staff member's other sessions: #admin/actions/staff_accounts);
 * the idle timeout and the 12-hour lifetime are the session lifetime
 * middleware's (config/session.ts). A staff member who must change the
 * password is held on that page. What each staff member
 * may do is decided by Bouncer policies in the controllers.
 */
export default class StaffMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const guard = ctx.auth.use('admin')
    const signedIn = await ctx.auth.checkUsing(['admin'])
    const staff = guard.user as Staff | undefined
    if (!signedIn || !staff || !staff.isActive) {
      if (guard.isAuthenticated) {
        await guard.logout()
        ctx.session.flash('error', '该账号已停用，请联系超级管理员')
      }
      return this.#toLogin(ctx)
    }

    const stamp = ctx.session.get(STAFF_PASSWORD_STAMP_KEY)
    const current = passwordStamp(staff)
    if (stamp && stamp !== current) {
      await guard.logout()
      ctx.session.forget(STAFF_PASSWORD_STAMP_KEY)
      ctx.session.flash('error', '您的密码已被修改，请重新登录')
      return this.#toLogin(ctx)
    }
    if (!stamp) ctx.session.put(STAFF_PASSWORD_STAMP_KEY, current)

    if (staff.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(ctx.route?.name ?? '')) {
      ctx.session.flash('warning', '为了账号安全，请先修改初始密码后再使用后台')
      return ctx.response.redirect().toRoute('admin.profile.password')
    }

    ctx.view.share({ staff, adminMenu: await menuFor(staff) })
    return next()
  }

  #toLogin(ctx: HttpContext) {
    if (ctx.request.method() === 'GET') {
      ctx.session.put('admin_intended_url', ctx.request.url(true))
    }
    return ctx.response.redirect().toRoute('admin.session.create')
  }
}
