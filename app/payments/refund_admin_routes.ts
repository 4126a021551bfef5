import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { memberActions } from '#core/http/route_sets'

/**
 * 退款管理 (names "admin.payments.refunds.*", finance).
 */
const { Refunds, Books } = controllers.payments.admin

backOfficeRoutes(() => {
  router
    .group(() => {
      router.resource('payments/refunds', Refunds).only(['index', 'show']).as('refunds')
      memberActions(
        '/payments/refunds/:id',
        Refunds,
        ['approve', 'reject', 'resume', 'bank'],
        'refunds'
      )
      router.get('/payments/refunds/:id/voucher', [Refunds, 'voucher']).as('refunds.voucher')
    })
    .where('id', router.matchers.uuid())
    .as('payments')
  router
    .group(() => {
      router.get('/payments/books', [Books, 'index']).as('index')
      router.get('/payments/books/export', [Books, 'export']).as('export')
      router.get('/payments/reconciliation', [Books, 'reconciliation']).as('reconciliation')
      router.post('/payments/reconciliation/import', [Books, 'importStatement']).as('import')
      router
        .get('/payments/reconciliation/imports/:id', [Books, 'showImport'])
        .as('imports.show')
        .where('id', router.matchers.uuid())
    })
    .as('payments.books')
})
