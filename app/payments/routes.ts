import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { memberActions, signedInRoutes } from '#core/http/route_sets'

/**
 * Payments (names "payments.*"). /payments/new?order=… (the method
 * choice page) belongs to the orders module; ids here are UUIDs only.
 */
const payments = controllers.payments

signedInRoutes('payments', () => {
  router.post('/payments', [payments.Payments, 'store']).as('store')
  router.get('/payments/:id', [payments.Payments, 'show']).as('show')
  memberActions('/payments/:id', payments.Payments, ['check'])
  router.post('/payments/:id/voucher', [payments.Payments, 'storeVoucher']).as('voucher.store')
  router
    .get('/payments/:id/vouchers/:voucherId', [payments.Payments, 'voucherFile'])
    .as('voucher.file')
    .where('voucherId', router.matchers.uuid())
}).where('id', router.matchers.uuid())

router
  .group(() => {
    router.get('/payments/sandbox/:id', [payments.Sandbox, 'show']).as('sandbox.show')
    router.post('/payments/sandbox/:id', [payments.Sandbox, 'pay']).as('sandbox.pay')
  })
  .where('id', router.matchers.uuid())
  .as('payments')

router
  .post('/payments/notify/:gateway', [payments.Notifications, 'handle'])
  .where('gateway', /^(wechatpay|alipay|sandbox)$/)
  .as('payments.notify')
import '#payments/refund_routes'
