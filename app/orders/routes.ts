import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Routes of the orders module (names "orders.*"): 自助服务, the 证书新办
 * wizard, 我的订单, 收件地址.
 */
router
  .group(() => {
    router.get('/services', [controllers.orders.Services, 'index']).as('services')

    /* 更新, 变更, 补办 of a certificate the applicant holds (issue 11) */
    router
      .get('/services/:service', [controllers.orders.ServiceOrders, 'pick'])
      .as('service_orders.pick')
      .where('service', /^(renew|change|reissue|change_renew|renew_reissue)$/)
    router
      .get('/services/:service/:certificateId', [controllers.orders.ServiceOrders, 'show'])
      .as('service_orders.show')
      .where('service', /^(renew|change|reissue|change_renew|renew_reissue)$/)
    router
      .post('/services/:service/:certificateId', [controllers.orders.ServiceOrders, 'start'])
      .as('service_orders.start')
      .where('service', /^(renew|change|reissue|change_renew|renew_reissue)$/)

    router.get('/apply', [controllers.orders.Apply, 'platforms']).as('apply.platforms')
    router.get('/apply/:platformId', [controllers.orders.Apply, 'products']).as('apply.products')
    router.post('/apply', [controllers.orders.Apply, 'start']).as('apply.start')

    router
      .get('/orders/:orderNo/apply/product', [controllers.orders.Apply, 'editProduct'])
      .as('apply.product')
    router
      .post('/orders/:orderNo/apply/product', [controllers.orders.Apply, 'updateProduct'])
      .as('apply.product.save')
    router
      .get('/orders/:orderNo/apply/agreement', [controllers.orders.Apply, 'agreement'])
      .as('apply.agreement')
    router
      .post('/orders/:orderNo/apply/agreement', [controllers.orders.Apply, 'saveAgreement'])
      .as('apply.agreement.save')
    router
      .get('/orders/:orderNo/apply/applicant', [controllers.orders.Apply, 'applicant'])
      .as('apply.applicant')
    router
      .post('/orders/:orderNo/apply/applicant', [controllers.orders.Apply, 'saveApplicantStep'])
      .as('apply.applicant.save')
    router
      .get('/orders/:orderNo/apply/materials', [controllers.orders.Apply, 'materials'])
      .as('apply.materials')
    router
      .post('/orders/:orderNo/apply/materials', [controllers.orders.Apply, 'saveMaterials'])
      .as('apply.materials.save')
    router
      .get('/orders/:orderNo/apply/delivery', [controllers.orders.Apply, 'delivery'])
      .as('apply.delivery')
    router
      .post('/orders/:orderNo/apply/delivery', [controllers.orders.Apply, 'saveDeliveryStep'])
      .as('apply.delivery.save')
    router
      .get('/orders/:orderNo/apply/confirm', [controllers.orders.Apply, 'confirm'])
      .as('apply.confirm')
    router
      .post('/orders/:orderNo/apply/confirm', [controllers.orders.Apply, 'submit'])
      .as('apply.submit')

    router.get('/orders', [controllers.orders.Orders, 'index']).as('index')
    router.get('/orders/:orderNo', [controllers.orders.Orders, 'show']).as('show')
    router.get('/orders/:orderNo/pay', [controllers.orders.Orders, 'pay']).as('pay')
    router.get('/payments/new', [controllers.orders.Orders, 'newPayment']).as('payments.new')
    router.get('/orders/:orderNo/done', [controllers.orders.Orders, 'done']).as('done')
    router
      .get('/orders/:orderNo/cancel', [controllers.orders.Orders, 'cancelForm'])
      .as('cancel.form')
    router.post('/orders/:orderNo/cancel', [controllers.orders.Orders, 'cancel']).as('cancel')
    router.get('/orders/:orderNo/fix', [controllers.orders.Orders, 'fix']).as('fix')
    router.post('/orders/:orderNo/resubmit', [controllers.orders.Orders, 'resubmit']).as('resubmit')
    router
      .get('/orders/:orderNo/materials/:materialId', [controllers.orders.Orders, 'material'])
      .as('material')
    router.post('/orders/:orderNo/receive', [controllers.orders.Orders, 'receive']).as('receive')
    router.get('/orders/:orderNo/make', [controllers.orders.Make, 'show']).as('make')
    router.post('/orders/:orderNo/make', [controllers.orders.Make, 'store']).as('make.store')

    router.get('/account/addresses', [controllers.orders.Addresses, 'index']).as('addresses.index')
    router
      .get('/account/addresses/create', [controllers.orders.Addresses, 'create'])
      .as('addresses.create')
    router.post('/account/addresses', [controllers.orders.Addresses, 'store']).as('addresses.store')
    router
      .get('/account/addresses/:id/edit', [controllers.orders.Addresses, 'edit'])
      .as('addresses.edit')
    router
      .post('/account/addresses/:id', [controllers.orders.Addresses, 'update'])
      .as('addresses.update')
    router
      .post('/account/addresses/:id/default', [controllers.orders.Addresses, 'makeDefault'])
      .as('addresses.default')
    router
      .post('/account/addresses/:id/delete', [controllers.orders.Addresses, 'destroy'])
      .as('addresses.destroy')
  })
  .as('orders')
  .use(middleware.auth())

/**
 * 订单查询 without signing in (manual 002 §6); names "orders.query.*".
 */
router
  .group(() => {
    router.get('/order-query', [controllers.orders.OrderQuery, 'show']).as('show')
    router.post('/order-query', [controllers.orders.OrderQuery, 'verify']).as('verify')
    router.get('/order-query/results', [controllers.orders.OrderQuery, 'results']).as('results')
  })
  .as('orders.query')
