import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { signedInRoutes } from '#core/http/route_sets'

/**
 * Core pages: the message centre (消息中心) of the signed-in applicant.
 */
signedInRoutes('core', () => {
  router.resource('messages', controllers.core.Messages).only(['index', 'show'])
  router.post('/messages/read-all', [controllers.core.Messages, 'readAll']).as('messages.readAll')
})
