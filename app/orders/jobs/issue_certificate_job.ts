import { exponentialBackoff } from '@adonisjs/queue'
import { Job } from '#core/queue/jobs'

/**
 * 审核通过后签发证书: enqueued in the transaction that approves an online
 * (cloud) order, or that takes the payment of an order reviewed before
 * payment (#orders/actions/fulfilment enqueueIssuance). Idempotent: the
 * issuance is one transaction under the order's lock, so a retry after a
 * crash finds the order either still 审核通过 (and issues) or already
 * issued (and does nothing). A CA failure is recorded on the order and
 * retried with backoff; out of retries it stays as 失败 on 任务队列 with
 * a 重试 button.
 */
export default class IssueCertificateJob extends Job<{ orderId: string }> {
  static options = {
    name: 'orders.issue_certificate',
    maxRetries: 8,
    retry: { backoff: exponentialBackoff({ baseDelay: '5s', maxDelay: '10m' }) },
  }
  static label = '审核通过后签发证书'

  async execute() {
    const { issueApprovedOrder, recordIssueFailure } = await import('#orders/actions/fulfilment')
    try {
      await issueApprovedOrder(this.payload.orderId, { type: 'system', name: '后台任务' })
    } catch (error) {
      await recordIssueFailure(this.payload.orderId, error, { type: 'system', name: '后台任务' })
      throw error
    }
  }
}
