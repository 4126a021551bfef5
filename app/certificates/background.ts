import { defineSchedule } from '#core/queue/jobs'

/**
 * The certificates module's recurring work on the job queue (one runner
 * takes each scheduled run): expiry reminders every hour, and once when
 * the runner starts.
 */
defineSchedule({
  id: 'certificates.expiry_reminders',
  label: '证书到期提醒',
  job: () => import('#certificates/jobs/expiry_reminders_job'),
  every: '1h',
  runAtStart: true,
})
