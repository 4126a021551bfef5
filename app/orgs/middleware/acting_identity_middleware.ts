import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { actingIdentityOf } from '#orgs/queries/acting'

/**
 * Every applicant page shows the identity its person acts as (切换身份):
 * shared with the views as `actingIdentity` (null when signed out).
 */
export default class ActingIdentityMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.auth.use('web').user) {
      ctx.view.share({ actingIdentity: await actingIdentityOf(ctx) })
    }
    return next()
  }
}
