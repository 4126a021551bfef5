import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { backOfficeRoutes } from '#core/http/back_office_routes'
import { memberActions } from '#core/http/route_sets'

/**
 * Orders in the back office (names "admin.*", under /admin, staff
 * sign-in; OrderPolicy in every action): 订单审核, 订单查询, 制证与交付.
 */
const { OrderReviews, Fulfilment } = controllers.orders.admin

backOfficeRoutes(() => {
  router.get('/reviews/orders', [OrderReviews, 'queue']).as('reviews.orders')
  router.get('/orders', [OrderReviews, 'search']).as('orders.index')
  router.get('/orders/:orderNo', [OrderReviews, 'show']).as('orders.show')
  router
    .get('/orders/:orderNo/materials/:materialId', [OrderReviews, 'material'])
    .as('orders.material')
  memberActions('/orders/:orderNo', OrderReviews, ['approve', 'reject', 'issue'], 'orders')

  router.get('/fulfilment/:queue', [Fulfilment, 'index']).as('fulfilment.index')
  memberActions('/orders/:orderNo', Fulfilment, ['make', 'ship', 'handOver'], 'orders')
})
