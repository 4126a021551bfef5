import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { formRoutes } from '#core/http/route_sets'

/**
 * Back office (后台管理) at /admin, separate login. Route names "admin.*".
 * Each area of the back office declares its pages in app/admin/routes/<area>.ts.
 */
router
  .group(() => {
    formRoutes('/login', 'session', controllers.admin.Session)
    router.post('/logout', [controllers.admin.Session, 'destroy']).as('session.destroy')
  })
  .prefix('/admin')
  .as('admin')

backOfficeRoutes(() => {
  router.get('/', [controllers.admin.Dashboard, 'index']).as('dashboard')
})

await import('#admin/routes/system')
