import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { signedInRoutes } from '#core/http/route_sets'

/**
 * Routes of the invoices module (names "invoices.*"): 发票抬头, 我的发票
 * (request, history, download), and the public invoice link (its token is
 * the only key).
 */
const invoices = controllers.invoices

signedInRoutes('invoices', () => {
  router
    .resource('account/invoice-titles', invoices.Titles)
    .only(['index', 'create', 'store'])
    .as('titles')
  router.post('/account/invoice-titles/delete', [invoices.Titles, 'destroy']).as('titles.destroy')
  router.get('/account/invoice-titles/:id/edit', [invoices.Titles, 'edit']).as('titles.edit')
  router.post('/account/invoice-titles/:id', [invoices.Titles, 'update']).as('titles.update')

  router.get('/invoices', [invoices.Invoices, 'index']).as('index')
  router.get('/invoices/new', [invoices.Invoices, 'create']).as('new')
  router.post('/invoices/confirm', [invoices.Invoices, 'confirm']).as('confirm')
  router.post('/invoices', [invoices.Invoices, 'store']).as('store')
  router.get('/invoices/:id', [invoices.Invoices, 'show']).as('show')
  router.get('/invoices/:id/pdf', [invoices.Invoices, 'pdf']).as('pdf')
}).where('id', router.matchers.uuid())

/* 复制发票链接: whoever holds the token (no login) */
router
  .get('/e-invoices/:token', [invoices.Invoices, 'shared'])
  .as('invoices.shared')
  .where('token', /^[A-Za-z0-9_-]{32,64}$/)
