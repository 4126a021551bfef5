import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'

/**
 * Orders in the back office: 订单审核, 订单查询, 制证与交付.
 */
router
  .group(() => {
    router.get('/reviews/orders', [controllers.admin.OrderReviews, 'queue']).as('reviews.orders')
    router.get('/orders', [controllers.admin.OrderReviews, 'search']).as('orders.index')
    router.get('/orders/:orderNo', [controllers.admin.OrderReviews, 'show']).as('orders.show')
    router
      .get('/orders/:orderNo/materials/:materialId', [controllers.admin.OrderReviews, 'material'])
      .as('orders.material')

    router
      .post('/orders/:orderNo/approve', [controllers.admin.OrderReviews, 'approve'])
      .as('orders.approve')
    router
      .post('/orders/:orderNo/reject', [controllers.admin.OrderReviews, 'reject'])
      .as('orders.reject')
    router
      .post('/orders/:orderNo/issue', [controllers.admin.OrderReviews, 'issue'])
      .as('orders.issue')

    router.get('/fulfilment/:queue', [controllers.admin.Fulfilment, 'index']).as('fulfilment.index')
    router.post('/orders/:orderNo/make', [controllers.admin.Fulfilment, 'make']).as('orders.make')
    router.post('/orders/:orderNo/ship', [controllers.admin.Fulfilment, 'ship']).as('orders.ship')
    router
      .post('/orders/:orderNo/hand-over', [controllers.admin.Fulfilment, 'handOver'])
      .as('orders.hand_over')
  })
  .prefix('/admin')
  .as('admin')
  .use(middleware.staff())
