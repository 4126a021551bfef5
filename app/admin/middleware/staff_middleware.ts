import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { menuFor } from '#admin/menu'

/**
 * Back-office pages: signed-in, active staff only. What each staff member
 * may do is decided by Bouncer policies in the controllers.
 */
export default class StaffMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const guard = ctx.auth.use('admin')
    if (!(await ctx.auth.checkUsing(['admin'])) || !(guard.user as any)?.isActive) {
      if (guard.isAuthenticated) await guard.logout()
      if (ctx.request.method() === 'GET') {
        ctx.session.put('admin_intended_url', ctx.request.url(true))
      }
      return ctx.response.redirect('/admin/login')
    }
    ctx.view.share({ staff: guard.user, adminMenu: await menuFor(guard.user as any) })
    return next()
  }
}
