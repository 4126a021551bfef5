import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Applicant pages: signed-in users only; others go to the login page and
 * come back afterwards.
 */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!(await ctx.auth.checkUsing(['web']))) {
      if (ctx.request.method() === 'GET') {
        ctx.session.put('intended_url', ctx.request.url(true))
      }
      ctx.session.flash('info', '请先登录')
      return ctx.response.redirect().toRoute('accounts.session.create')
    }
    return next()
  }
}
