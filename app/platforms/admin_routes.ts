import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * 平台集成 (back office, role integrator): names "admin.platforms.integrations.*".
 */
const I = controllers.platforms.admin.Integrations

backOfficeRoutes(() => {
  router.get('/platforms', [I, 'index']).as('platforms.integrations.index')
  router.get('/platforms/create', [I, 'create']).as('platforms.integrations.create')
  router.post('/platforms', [I, 'store']).as('platforms.integrations.store')
  router.get('/platforms/:id', [I, 'show']).as('platforms.integrations.show')
  router.get('/platforms/:id/edit', [I, 'edit']).as('platforms.integrations.edit')
  router.put('/platforms/:id', [I, 'update']).as('platforms.integrations.update')
  router.post('/platforms/:id/enable', [I, 'enable']).as('platforms.integrations.enable')
  router.post('/platforms/:id/rotate', [I, 'rotate']).as('platforms.integrations.rotate')
  router.post('/platforms/:id/test', [I, 'test']).as('platforms.integrations.test')
  router
    .post('/platforms/:id/packages', [I, 'grantPackage'])
    .as('platforms.integrations.packages.store')
  router.get('/platforms/:id/calls', [I, 'calls']).as('platforms.integrations.calls')
  router.get('/platforms/:id/webhooks', [I, 'webhooks']).as('platforms.integrations.webhooks')
})
