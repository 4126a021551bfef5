import { defineJob } from '#core/queue/jobs'

/**
 * 对公打款: enqueued in the claim's transaction with the transfer it
 * records, delayed; a no-op when the send right after the commit got the
 * bank's answer. A call that did not get it is retried with backoff, with
 * the transfer's reference (the bank pays a reference once); out of
 * retries it stays as 失败 on 任务队列 with a 重试 button.
 */
export default defineJob<{ transferId: string }>({
  name: 'orgs.send_deposit',
  label: '机构认领对公打款',
  backoff: ['1m', '30m'],
  run: ({ transferId }) => import('#orgs/actions/deposits').then((m) => m.sendDeposit(transferId)),
})
