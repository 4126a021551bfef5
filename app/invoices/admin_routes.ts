import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { memberActions } from '#core/http/route_sets'

/**
 * 发票管理 and 邮件发件箱 (names "admin.invoices.*", "admin.mail.*"; finance;
 * InvoicePolicy in every action).
 */
const { Invoices } = controllers.invoices.admin

backOfficeRoutes(() => {
  router
    .group(() => {
      router.get('/invoices', [Invoices, 'index']).as('index')
      router.get('/invoices/export', [Invoices, 'export']).as('export')
      router.get('/invoices/:id', [Invoices, 'show']).as('show')
      memberActions('/invoices/:id', Invoices, ['issue', 'reject'])
      router.get('/invoices/:id/pdf', [Invoices, 'pdf']).as('pdf')
    })
    .where('id', router.matchers.uuid())
    .as('invoices')
  router.get('/mail', [Invoices, 'mail']).as('mail.index')
})
