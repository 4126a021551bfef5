import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * 退费 (names "payments.refunds.*"): the applicant's 退费申请 on an order,
 * and the gateways' refund notifications (under /payments/notify/: no
 * session, no CSRF; the signature authenticates).
 */
router
  .group(() => {
    router.get('/orders/:orderNo/refund', [controllers.payments.Refunds, 'create']).as('create')
    router.post('/orders/:orderNo/refund', [controllers.payments.Refunds, 'store']).as('store')
  })
  .where('orderNo', /^\d{19}$/)
  .as('payments.refunds')
  .use(middleware.auth())

router
  .post('/payments/notify/refund/:gateway', [controllers.payments.RefundNotifications, 'handle'])
  .where('gateway', /^wechatpay$/)
  .as('payments.refunds.notify')
