import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

/**
 * A module's back-office pages: under /admin, named "admin.*", behind the
 * staff sign-in (what each staff member may do is decided by the
 * module's Bouncer policies in its controllers).
 *
 *   backOfficeRoutes(() => {
 *     router.get('/reviews/appeals', [controllers.accounts.admin.AppealReviews, 'index'])
 *       .as('reviews.appeals.index')
 *   })
 */
export function backOfficeRoutes(define: () => void) {
  return router.group(define).prefix('/admin').as('admin').use(middleware.staff())
}
