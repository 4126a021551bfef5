import { defineJob } from '#core/queue/jobs'

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
export default defineJob<{ orderId: string }>({
  name: 'orders.issue_certificate',
  label: '审核通过后签发证书',
  backoff: ['5s', '10m'],
  run: async ({ orderId }) => {
    const { issueApprovedOrder, recordIssueFailure } = await import('#orders/actions/fulfilment')
    const actor = { type: 'system' as const, name: '后台任务' }
    try {
      await issueApprovedOrder(orderId, actor)
    } catch (error) {
      await recordIssueFailure(orderId, error, actor)
      throw error
    }
  },
})
