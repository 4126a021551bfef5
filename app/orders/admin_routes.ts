import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'

/**
 * Orders in the back office (names "admin.*", under /admin, staff
 * sign-in; OrderPolicy in every action): 订单审核, 订单查询, 制证与交付.
 */
backOfficeRoutes(() => {
  router
    .get('/reviews/orders', [controllers.orders.admin.OrderReviews, 'queue'])
    .as('reviews.orders')
  router.get('/orders', [controllers.orders.admin.OrderReviews, 'search']).as('orders.index')
  router.get('/orders/:orderNo', [controllers.orders.admin.OrderReviews, 'show']).as('orders.show')
  router
    .get('/orders/:orderNo/materials/:materialId', [
      controllers.orders.admin.OrderReviews,
      'material',
    ])
    .as('orders.material')

  router
    .post('/orders/:orderNo/approve', [controllers.orders.admin.OrderReviews, 'approve'])
    .as('orders.approve')
  router
    .post('/orders/:orderNo/reject', [controllers.orders.admin.OrderReviews, 'reject'])
    .as('orders.reject')
  router
    .post('/orders/:orderNo/issue', [controllers.orders.admin.OrderReviews, 'issue'])
    .as('orders.issue')

  router
    .get('/fulfilment/:queue', [controllers.orders.admin.Fulfilment, 'index'])
    .as('fulfilment.index')
  router
    .post('/orders/:orderNo/make', [controllers.orders.admin.Fulfilment, 'make'])
    .as('orders.make')
  router
    .post('/orders/:orderNo/ship', [controllers.orders.admin.Fulfilment, 'ship'])
    .as('orders.ship')
  router
    .post('/orders/:orderNo/hand-over', [controllers.orders.admin.Fulfilment, 'handOver'])
    .as('orders.hand_over')
})
