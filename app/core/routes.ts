import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Core pages: the message centre (消息中心) of the signed-in applicant.
 */
router
  .group(() => {
    router.get('/messages', [controllers.core.Messages, 'index']).as('index')
    router.get('/messages/:id', [controllers.core.Messages, 'show']).as('show')
    router.post('/messages/read-all', [controllers.core.Messages, 'readAll']).as('readAll')
  })
  .as('core.messages')
  .use(middleware.auth())
