import { defineJob } from '#core/queue/jobs'

/**
 * 支付后开通套餐: enqueued in the transaction that takes a package order's
 * payment (#orders/actions/packages). Idempotent: the grant and the
 * order's 已完成 commit together under the order's lock, so a retry finds
 * the order done and does nothing.
 */
export default defineJob<{ orderId: string }>({
  name: 'orders.fulfil_package',
  label: '支付后开通套餐',
  backoff: ['5s', '10m'],
  run: ({ orderId }) =>
    import('#orders/actions/packages').then((m) => m.fulfilPackageOrder(orderId)),
})
