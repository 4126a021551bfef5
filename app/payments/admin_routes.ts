import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * The finance office's pages (names "admin.payments.*", under /admin,
 * staff sign-in; PaymentPolicy in every action): 支付记录 and 转账凭证确认.
 */
backOfficeRoutes(() => {
  router
    .group(() => {
      router.get('/payments', [controllers.payments.admin.Records, 'index']).as('index')
      router
        .get('/payments/transfers', [controllers.payments.admin.Transfers, 'index'])
        .as('transfers.index')
      router
        .get('/payments/transfers/:id', [controllers.payments.admin.Transfers, 'show'])
        .as('transfers.show')
      router
        .post('/payments/transfers/:id/confirm', [controllers.payments.admin.Transfers, 'confirm'])
        .as('transfers.confirm')
      router
        .post('/payments/transfers/:id/reject', [controllers.payments.admin.Transfers, 'reject'])
        .as('transfers.reject')
      router
        .get('/payments/vouchers/:id', [controllers.payments.admin.Records, 'voucherFile'])
        .as('vouchers.file')
      router.get('/payments/:id', [controllers.payments.admin.Records, 'show']).as('show')
      router.post('/payments/:id/sync', [controllers.payments.admin.Records, 'sync']).as('sync')
    })
    .where('id', router.matchers.uuid())
    .as('payments')
})
import '#payments/refund_admin_routes'
