import { defineModule } from '#core/modules'

/**
 * orders: 自助服务, the application wizard, 我的订单, addresses, and the
 * back office's order review, search and fulfilment.
 */
const pendingReview = () =>
  import('#orders/queries/orders').then((m) => m.countByStatus(['pending_review']))
const inQueue = (key: 'make' | 'ship' | 'pickup') => () =>
  import('#orders/queries/orders').then((m) => m.countFulfilmentQueue(key))

export default defineModule({
  name: 'orders',
  routes: () => import('#orders/routes'),
  boot: () => import('#orders/registrations'),
  backOffice: {
    routes: () => import('#orders/admin_routes'),
    menu: [
      {
        group: 'reviews',
        order: 10,
        key: 'reviews.orders',
        label: '订单审核',
        route: 'admin.reviews.orders',
        roles: ['reviewer'],
        count: pendingReview,
      },
      {
        group: 'reviews',
        order: 15,
        key: 'orders.index',
        label: '订单查询',
        route: 'admin.orders.index',
        roles: ['reviewer', 'operator', 'finance'],
      },
      {
        group: 'fulfilment',
        order: 10,
        key: 'fulfilment.make',
        label: '待制证',
        route: 'admin.fulfilment.index',
        params: { queue: 'make' },
        roles: ['operator'],
        count: inQueue('make'),
      },
      {
        group: 'fulfilment',
        order: 20,
        key: 'fulfilment.ship',
        label: '待发货',
        route: 'admin.fulfilment.index',
        params: { queue: 'ship' },
        roles: ['operator'],
        count: inQueue('ship'),
      },
      {
        group: 'fulfilment',
        order: 30,
        key: 'fulfilment.pickup',
        label: '待领取',
        route: 'admin.fulfilment.index',
        params: { queue: 'pickup' },
        roles: ['operator'],
        count: inQueue('pickup'),
      },
    ],
    figures: [
      {
        order: 80,
        label: '待审核订单',
        route: 'admin.reviews.orders',
        roles: ['reviewer'],
        value: pendingReview,
      },
      {
        order: 100,
        label: '待制证',
        route: 'admin.fulfilment.index',
        params: { queue: 'make' },
        roles: ['operator'],
        value: inQueue('make'),
      },
      {
        order: 110,
        label: '待发货',
        route: 'admin.fulfilment.index',
        params: { queue: 'ship' },
        roles: ['operator'],
        value: inQueue('ship'),
      },
      {
        order: 120,
        label: '待领取',
        route: 'admin.fulfilment.index',
        params: { queue: 'pickup' },
        roles: ['operator'],
        value: inQueue('pickup'),
      },
    ],
    auditSubjects: { order: '订单', address: '收货地址' },
  },
})
