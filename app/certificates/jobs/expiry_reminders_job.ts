import { defineJob } from '#core/queue/jobs'

/**
 * 证书到期提醒 (scheduled by app/certificates/background.ts): SMS and
 * in-site message once per certificate and threshold.
 */
export default defineJob<Record<string, never>>({
  name: 'certificates.expiry_reminders',
  label: '证书到期提醒',
  maxRetries: 3,
  run: () => import('#certificates/actions/reminders').then((m) => m.sendExpiryReminders()),
})
