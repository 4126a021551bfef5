import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * Back office (后台管理) at /admin, separate login. Route names "admin.*".
 * Each area of the back office declares its pages in app/admin/routes/<area>.ts.
 */
router
  .group(() => {
    router.get('/login', [controllers.admin.Session, 'create']).as('session.create')
    router.post('/login', [controllers.admin.Session, 'store']).as('session.store')
    router.post('/logout', [controllers.admin.Session, 'destroy']).as('session.destroy')
  })
  .prefix('/admin')
  .as('admin')

backOfficeRoutes(() => {
  router.get('/', [controllers.admin.Dashboard, 'index']).as('dashboard')
})

await import('#admin/routes/system')
