import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * 实名认证 (names "accounts.real_name.*").
 */
router
  .group(() => {
    router.get('/account/real-name', [controllers.accounts.realname.RealName, 'show']).as('show')
    router
      .post('/account/real-name/online', [controllers.accounts.realname.RealName, 'verifyOnline'])
      .as('online')
    router
      .post('/account/real-name/manual', [controllers.accounts.realname.RealName, 'submitManual'])
      .as('manual')
  })
  .as('accounts.real_name')
  .use(middleware.auth())
