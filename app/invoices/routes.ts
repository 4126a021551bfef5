import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Routes of the invoices module (names "invoices.*"): 发票抬头, 我的发票
 * (request, history, download), and the public invoice link (its token is
 * the only key).
 */
router
  .group(() => {
    router.get('/account/invoice-titles', [controllers.invoices.Titles, 'index']).as('titles.index')
    router
      .get('/account/invoice-titles/create', [controllers.invoices.Titles, 'create'])
      .as('titles.create')
    router
      .post('/account/invoice-titles', [controllers.invoices.Titles, 'store'])
      .as('titles.store')
    router
      .post('/account/invoice-titles/delete', [controllers.invoices.Titles, 'destroy'])
      .as('titles.destroy')
    router
      .get('/account/invoice-titles/:id/edit', [controllers.invoices.Titles, 'edit'])
      .as('titles.edit')
      .where('id', router.matchers.uuid())
    router
      .post('/account/invoice-titles/:id', [controllers.invoices.Titles, 'update'])
      .as('titles.update')
      .where('id', router.matchers.uuid())

    router.get('/invoices', [controllers.invoices.Invoices, 'index']).as('index')
    router.get('/invoices/new', [controllers.invoices.Invoices, 'create']).as('new')
    router.post('/invoices/confirm', [controllers.invoices.Invoices, 'confirm']).as('confirm')
    router.post('/invoices', [controllers.invoices.Invoices, 'store']).as('store')
    router
      .get('/invoices/:id', [controllers.invoices.Invoices, 'show'])
      .as('show')
      .where('id', router.matchers.uuid())
    router
      .get('/invoices/:id/pdf', [controllers.invoices.Invoices, 'pdf'])
      .as('pdf')
      .where('id', router.matchers.uuid())
  })
  .as('invoices')
  .use(middleware.auth())

/* 复制发票链接: whoever holds the token (no login) */
router
  .get('/e-invoices/:token', [controllers.invoices.Invoices, 'shared'])
  .as('invoices.shared')
  .where('token', /^[A-Za-z0-9_-]{32,64}$/)
