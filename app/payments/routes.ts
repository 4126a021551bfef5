import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Payments (names "payments.*"). /payments/new?order=… (the method
 * choice page) belongs to the orders module; ids here are UUIDs only.
 */
router
  .group(() => {
    router.post('/payments', [controllers.payments.Payments, 'store']).as('store')
    router.get('/payments/:id', [controllers.payments.Payments, 'show']).as('show')
    router.post('/payments/:id/check', [controllers.payments.Payments, 'check']).as('check')
    router
      .post('/payments/:id/voucher', [controllers.payments.Payments, 'storeVoucher'])
      .as('voucher.store')
    router
      .get('/payments/:id/vouchers/:voucherId', [controllers.payments.Payments, 'voucherFile'])
      .as('voucher.file')
      .where('voucherId', router.matchers.uuid())
  })
  .where('id', router.matchers.uuid())
  .as('payments')
  .use(middleware.auth())

router
  .group(() => {
    router.get('/payments/sandbox/:id', [controllers.payments.Sandbox, 'show']).as('sandbox.show')
    router.post('/payments/sandbox/:id', [controllers.payments.Sandbox, 'pay']).as('sandbox.pay')
  })
  .where('id', router.matchers.uuid())
  .as('payments')

router
  .post('/payments/notify/:gateway', [controllers.payments.Notifications, 'handle'])
  .where('gateway', /^(wechatpay|alipay|sandbox)$/)
  .as('payments.notify')
import '#payments/refund_routes'
