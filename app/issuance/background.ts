import { defineSchedule } from '#core/queue/jobs'

/**
 * The CA's recurring work, declared on the job queue's scheduler (the
 * job runner registers it when it starts, #core/queue/runner): look every
 * 10 minutes for a CRL close to its nextUpdate and republish it
 * (app/issuance/jobs/crl_refresh_job.ts), and once when the runner starts.
 */
defineSchedule({
  id: 'issuance.crl_refresh',
  label: '定期刷新 CRL',
  job: () => import('#issuance/jobs/crl_refresh_job'),
  every: '10m',
  runAtStart: true,
})
