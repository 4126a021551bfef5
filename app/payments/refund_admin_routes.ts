import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * 退款管理 (names "admin.payments.refunds.*", finance).
 */
backOfficeRoutes(() => {
  router
    .group(() => {
      router.get('/payments/refunds', [controllers.payments.admin.Refunds, 'index']).as('index')
      router.get('/payments/refunds/:id', [controllers.payments.admin.Refunds, 'show']).as('show')
      router
        .post('/payments/refunds/:id/approve', [controllers.payments.admin.Refunds, 'approve'])
        .as('approve')
      router
        .post('/payments/refunds/:id/reject', [controllers.payments.admin.Refunds, 'reject'])
        .as('reject')
      router
        .post('/payments/refunds/:id/resume', [controllers.payments.admin.Refunds, 'resume'])
        .as('resume')
      router
        .post('/payments/refunds/:id/bank', [controllers.payments.admin.Refunds, 'bank'])
        .as('bank')
      router
        .get('/payments/refunds/:id/voucher', [controllers.payments.admin.Refunds, 'voucher'])
        .as('voucher')
    })
    .where('id', router.matchers.uuid())
    .as('payments.refunds')
  router
    .group(() => {
      router.get('/payments/books', [controllers.payments.admin.Books, 'index']).as('index')
      router
        .get('/payments/books/export', [controllers.payments.admin.Books, 'export'])
        .as('export')
      router
        .get('/payments/reconciliation', [controllers.payments.admin.Books, 'reconciliation'])
        .as('reconciliation')
      router
        .post('/payments/reconciliation/import', [
          controllers.payments.admin.Books,
          'importStatement',
        ])
        .as('import')
      router
        .get('/payments/reconciliation/imports/:id', [
          controllers.payments.admin.Books,
          'showImport',
        ])
        .as('imports.show')
        .where('id', router.matchers.uuid())
    })
    .as('payments.books')
})
