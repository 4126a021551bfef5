/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| Every module declares its routes (applicant pages and its back-office
| area) in app/<module>/module.ts; the manifest (app/modules.ts) lists
| the modules. Nothing else lives here.
|
*/
import { moduleDefinitions } from '#app/modules'

for (const definition of await moduleDefinitions()) {
  await definition.routes?.()
  await definition.backOffice?.routes?.()
}

/*
 * A back-office address that matches no page: for a signed-in staff
 * member the 404 inside the back-office layout (its menu, its header),
 * for anyone else the back-office login. Registered last.
 */
const { default: router } = await import('@adonisjs/core/services/router')
const { middleware } = await import('#start/kernel')
const { NotFoundError } = await import('#core/rule_error')
router
  .get('/admin/*', () => {
    throw new NotFoundError('您访问的页面不存在或已被删除')
  })
  .use(middleware.staff())
  .as('admin.not_found')
