import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * 发票管理 and 邮件发件箱 (names "admin.invoices.*", "admin.mail.*"; finance;
 * InvoicePolicy in every action).
 */
backOfficeRoutes(() => {
  router
    .group(() => {
      router.get('/invoices', [controllers.invoices.admin.Invoices, 'index']).as('index')
      router.get('/invoices/export', [controllers.invoices.admin.Invoices, 'export']).as('export')
      router
        .get('/invoices/:id', [controllers.invoices.admin.Invoices, 'show'])
        .as('show')
        .where('id', router.matchers.uuid())
      router
        .post('/invoices/:id/issue', [controllers.invoices.admin.Invoices, 'issue'])
        .as('issue')
        .where('id', router.matchers.uuid())
      router
        .post('/invoices/:id/reject', [controllers.invoices.admin.Invoices, 'reject'])
        .as('reject')
        .where('id', router.matchers.uuid())
      router
        .get('/invoices/:id/pdf', [controllers.invoices.admin.Invoices, 'pdf'])
        .as('pdf')
        .where('id', router.matchers.uuid())
    })
    .as('invoices')
  router.get('/mail', [controllers.invoices.admin.Invoices, 'mail']).as('mail.index')
})
