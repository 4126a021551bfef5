import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { confirmedActions, signedInRoutes, type ActionOf } from '#core/http/route_sets'
import type { WizardStep } from '#orders/labels'
import type Apply from '#orders/controllers/apply_controller'

/**
 * Routes of the orders module (names "orders.*"): 自助服务, the 证书新办
 * wizard, 我的订单, 收件地址.
 */
const orders = controllers.orders

/**
 * A step of the 证书新办 wizard (WIZARD_STEPS): its page, named
 * apply.<step>, and the POST that saves it, apply.<step>.save.
 */
function wizardStep(step: WizardStep, show: ActionOf<Apply>, save: ActionOf<Apply>) {
  router.get(`/orders/:orderNo/apply/${step}`, [orders.Apply, show]).as(`apply.${step}`)
  router.post(`/orders/:orderNo/apply/${step}`, [orders.Apply, save]).as(`apply.${step}.save`)
}

signedInRoutes('orders', () => {
  router.get('/services', [orders.Services, 'index']).as('services')

  /* 更新, 变更, 补办 of a certificate the applicant holds (issue 11) */
  router
    .group(() => {
      router.get('/services/:service', [orders.ServiceOrders, 'pick']).as('service_orders.pick')
      router
        .get('/services/:service/:certificateId', [orders.ServiceOrders, 'show'])
        .as('service_orders.show')
      router
        .post('/services/:service/:certificateId', [orders.ServiceOrders, 'start'])
        .as('service_orders.start')
    })
    .where('service', /^(renew|change|reissue|change_renew|renew_reissue)$/)

  router.get('/apply', [orders.Apply, 'platforms']).as('apply.platforms')
  router.get('/apply/:platformId', [orders.Apply, 'products']).as('apply.products')
  router.post('/apply', [orders.Apply, 'start']).as('apply.start')
  wizardStep('product', 'editProduct', 'updateProduct')
  wizardStep('agreement', 'agreement', 'saveAgreement')
  wizardStep('applicant', 'applicant', 'saveApplicantStep')
  wizardStep('materials', 'materials', 'saveMaterials')
  wizardStep('delivery', 'delivery', 'saveDeliveryStep')
  router.get('/orders/:orderNo/apply/confirm', [orders.Apply, 'confirm']).as('apply.confirm')
  router.post('/orders/:orderNo/apply/confirm', [orders.Apply, 'submit']).as('apply.submit')

  router.get('/orders', [orders.Orders, 'index']).as('index')
  router.get('/orders/:orderNo', [orders.Orders, 'show']).as('show')
  router.get('/orders/:orderNo/pay', [orders.Orders, 'pay']).as('pay')
  router.get('/payments/new', [orders.Orders, 'newPayment']).as('payments.new')
  router.get('/orders/:orderNo/done', [orders.Orders, 'done']).as('done')
  confirmedActions('/orders/:orderNo', orders.Orders, ['cancel'])
  router.get('/orders/:orderNo/fix', [orders.Orders, 'fix']).as('fix')
  router.post('/orders/:orderNo/resubmit', [orders.Orders, 'resubmit']).as('resubmit')
  router.get('/orders/:orderNo/materials/:materialId', [orders.Orders, 'material']).as('material')
  router.post('/orders/:orderNo/receive', [orders.Orders, 'receive']).as('receive')
  router.get('/orders/:orderNo/make', [orders.Make, 'show']).as('make')
  router.post('/orders/:orderNo/make', [orders.Make, 'store']).as('make.store')

  /* 收件地址 */
  router
    .resource('account/addresses', orders.Addresses)
    .only(['index', 'create', 'store', 'edit'])
    .as('addresses')
  router.post('/account/addresses/:id', [orders.Addresses, 'update']).as('addresses.update')
  router
    .post('/account/addresses/:id/default', [orders.Addresses, 'makeDefault'])
    .as('addresses.default')
  router
    .post('/account/addresses/:id/delete', [orders.Addresses, 'destroy'])
    .as('addresses.destroy')
})

/**
 * 订单查询 without signing in (manual 002 §6); names "orders.query.*".
 */
router
  .group(() => {
    router.get('/order-query', [orders.OrderQuery, 'show']).as('show')
    router.post('/order-query', [orders.OrderQuery, 'verify']).as('verify')
    router.get('/order-query/results', [orders.OrderQuery, 'results']).as('results')
  })
  .as('orders.query')
