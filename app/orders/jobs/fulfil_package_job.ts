import { exponentialBackoff } from '@adonisjs/queue'
import { Job } from '#core/queue/jobs'

/**
 * 支付后开通套餐: enqueued in the transaction that takes a package order's
 * payment (#orders/actions/packages). Idempotent: the grant and the
 * order's 已完成 commit together under the order's lock, so a retry finds
 * the order done and does nothing.
 */
export default class FulfilPackageJob extends Job<{ orderId: string }> {
  static options = {
    name: 'orders.fulfil_package',
    maxRetries: 8,
    retry: { backoff: exponentialBackoff({ baseDelay: '5s', maxDelay: '10m' }) },
  }
  static label = '支付后开通套餐'

  async execute() {
    const { fulfilPackageOrder } = await import('#orders/actions/packages')
    await fulfilPackageOrder(this.payload.orderId)
  }
}
