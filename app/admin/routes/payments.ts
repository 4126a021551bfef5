import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Back-office pages of the "payments" area (finance): prefix /admin, names
 * "admin.payments.*", middleware.staff() on every route, PaymentPolicy in
 * every action.
 */
router
  .group(() => {
    router.get('/payments', [controllers.admin.PaymentsRecords, 'index']).as('index')
    router
      .get('/payments/transfers', [controllers.admin.PaymentsTransfers, 'index'])
      .as('transfers.index')
    router
      .get('/payments/transfers/:id', [controllers.admin.PaymentsTransfers, 'show'])
      .as('transfers.show')
      .where('id', router.matchers.uuid())
    router
      .post('/payments/transfers/:id/confirm', [controllers.admin.PaymentsTransfers, 'confirm'])
      .as('transfers.confirm')
      .where('id', router.matchers.uuid())
    router
      .post('/payments/transfers/:id/reject', [controllers.admin.PaymentsTransfers, 'reject'])
      .as('transfers.reject')
      .where('id', router.matchers.uuid())
    router
      .get('/payments/vouchers/:id', [controllers.admin.PaymentsRecords, 'voucherFile'])
      .as('vouchers.file')
      .where('id', router.matchers.uuid())
    router
      .get('/payments/:id', [controllers.admin.PaymentsRecords, 'show'])
      .as('show')
      .where('id', router.matchers.uuid())
    router
      .post('/payments/:id/sync', [controllers.admin.PaymentsRecords, 'sync'])
      .as('sync')
      .where('id', router.matchers.uuid())
  })
  .prefix('/admin')
  .as('admin.payments')
  .use(middleware.staff())
