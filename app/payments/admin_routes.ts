import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { memberActions } from '#core/http/route_sets'

/**
 * The finance office's pages (names "admin.payments.*", under /admin,
 * staff sign-in; PaymentPolicy in every action): 支付记录 and 转账凭证确认.
 */
const { Records, Transfers } = controllers.payments.admin

backOfficeRoutes(() => {
  router
    .group(() => {
      router.get('/payments', [Records, 'index']).as('index')
      router.resource('payments/transfers', Transfers).only(['index', 'show']).as('transfers')
      memberActions('/payments/transfers/:id', Transfers, ['confirm', 'reject'], 'transfers')
      router.get('/payments/vouchers/:id', [Records, 'voucherFile']).as('vouchers.file')
      router.get('/payments/:id', [Records, 'show']).as('show')
      memberActions('/payments/:id', Records, ['sync'])
    })
    .where('id', router.matchers.uuid())
    .as('payments')
})
import '#payments/refund_admin_routes'
