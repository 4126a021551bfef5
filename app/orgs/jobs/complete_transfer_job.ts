import { defineJob } from '#core/queue/jobs'

/**
 * 管理员移交 once the legal representative has signed: the roles change
 * (the request does it at once; this job finishes it after a crash
 * between the signature's commit and the roles', and finds it done
 * otherwise).
 */
export default defineJob<{ transferId: string }>({
  name: 'orgs.complete_transfer',
  label: '管理员移交生效',
  backoff: ['5s', '10m'],
  run: ({ transferId }) =>
    import('#orgs/actions/transfers').then((m) => m.completeTransfer(transferId)),
})
