import { defineModule } from '#core/modules'

/**
 * orders: 自助服务, the application wizard, 我的订单, addresses, and the
 * back office's order review, search and fulfilment.
 */
const countOrders = (statuses: string[], deliveryMethods?: string[]) =>
  import('#orders/queries/orders').then((m) =>
    m.countByStatus(statuses as any, deliveryMethods as any)
  )

export default defineModule({
  name: 'orders',
  routes: () => import('#orders/routes'),
  boot: async () => {
    await import('#orders/actions/transition_order')
    await import('#orders/actions/fulfilment')
    await import('#orders/actions/addresses')
  },
  backOffice: {
    menu: [
      {
        group: 'reviews',
        order: 10,
        key: 'reviews.orders',
        label: '订单审核',
        route: 'admin.reviews.orders',
        roles: ['reviewer'],
        count: () => countOrders(['pending_review']),
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
        count: () => countOrders(['approved'], ['mail_cod', 'pickup']),
      },
      {
        group: 'fulfilment',
        order: 20,
        key: 'fulfilment.ship',
        label: '待发货',
        route: 'admin.fulfilment.index',
        params: { queue: 'ship' },
        roles: ['operator'],
        count: () => countOrders(['awaiting_shipment']),
      },
      {
        group: 'fulfilment',
        order: 30,
        key: 'fulfilment.pickup',
        label: '待领取',
        route: 'admin.fulfilment.index',
        params: { queue: 'pickup' },
        roles: ['operator'],
        count: () => countOrders(['awaiting_pickup']),
      },
    ],
    figures: [
      {
        order: 80,
        label: '待审核订单',
        route: 'admin.reviews.orders',
        roles: ['reviewer'],
        value: () => countOrders(['pending_review']),
      },
      {
        order: 100,
        label: '待制证',
        route: 'admin.fulfilment.index',
        params: { queue: 'make' },
        roles: ['operator'],
        value: () => countOrders(['approved'], ['mail_cod', 'pickup']),
      },
      {
        order: 110,
        label: '待发货',
        route: 'admin.fulfilment.index',
        params: { queue: 'ship' },
        roles: ['operator'],
        value: () => countOrders(['awaiting_shipment']),
      },
      {
        order: 120,
        label: '待领取',
        route: 'admin.fulfilment.index',
        params: { queue: 'pickup' },
        roles: ['operator'],
        value: () => countOrders(['awaiting_pickup']),
      },
    ],
    auditSubjects: { order: '订单', address: '收货地址' },
  },
})
