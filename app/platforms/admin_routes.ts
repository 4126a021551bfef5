import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { memberActions } from '#core/http/route_sets'

/**
 * 平台集成 (back office, role integrator): names "admin.platforms.integrations.*".
 */
const integrations = controllers.platforms.admin.Integrations

backOfficeRoutes(() => {
  /* update answers PUT only, as the edit form sends it (a resource's update would add PATCH) */
  router
    .resource('platforms', integrations)
    .only(['index', 'create', 'store', 'show', 'edit'])
    .as('platforms.integrations', false)
  router
    .group(() => {
      router.put('/platforms/:id', [integrations, 'update']).as('update')
      memberActions('/platforms/:id', integrations, ['enable', 'rotate', 'test'])
      router.post('/platforms/:id/packages', [integrations, 'grantPackage']).as('packages.store')
      router.get('/platforms/:id/calls', [integrations, 'calls']).as('calls')
      router.get('/platforms/:id/webhooks', [integrations, 'webhooks']).as('webhooks')
    })
    .as('platforms.integrations')
})
