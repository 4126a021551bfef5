import * as abilities from '#core/abilities'
import { policies } from '#generated/policies'
import { Bouncer } from '@adonisjs/bouncer'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Bouncer for the request. The "user" is whoever the route authenticated:
 * an applicant (User) on applicant pages, a staff member (Staff) on
 * back-office pages; policies tell them apart.
 */
export default class InitializeBouncerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.bouncer = new Bouncer(
      () => (ctx.auth.user as any) || null,
      abilities,
      policies
    ).setContainerResolver(ctx.containerResolver)
    if ('view' in ctx) {
      ctx.view.share(ctx.bouncer.edgeHelpers)
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    bouncer: Bouncer<any, typeof abilities, typeof policies>
  }
}
