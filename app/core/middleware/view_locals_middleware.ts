import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import messages from '#core/messages/message_service'

/**
 * What every page needs: the path (for the active menu item), the
 * signed-in applicant and their unread message count. Pages with forms
 * are never cached, so typed values do not linger in shared caches.
 */
export default class ViewLocalsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.use('web').user as any
    ctx.view.share({
      currentPath: ctx.request.url(),
      currentUser: user ?? null,
      unreadMessages: user ? await messages.unreadCount(user.id) : 0,
    })
    ctx.response.header('Cache-Control', 'no-store')
    return next()
  }
}
