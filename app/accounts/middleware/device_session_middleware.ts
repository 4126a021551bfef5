import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import deviceSessions, { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'

/**
 * A signed-in applicant whose device was signed out elsewhere (登录设备 →
 * 退出), or whose account is no longer active, is logged out here.
 */
export default class DeviceSessionMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const guard = ctx.auth.use('web')
    const user = guard.user as any
    if (user) {
      const stillIn =
        user.status === 'active' &&
        (await deviceSessions.touch(user.id, ctx.session.get(DEVICE_SESSION_KEY)))
      if (!stillIn) {
        await guard.logout()
        ctx.session.forget(DEVICE_SESSION_KEY)
        ctx.session.flash(
          'warning',
          user.status === 'active'
            ? '您的登录已在其他设备上被退出，请重新登录'
            : '账号不可用，请联系客服'
        )
        if (ctx.request.method() === 'GET' && !ctx.request.url().startsWith('/login')) {
          return ctx.response.redirect().toRoute('accounts.session.create')
        }
      }
    }
    return next()
  }
}
