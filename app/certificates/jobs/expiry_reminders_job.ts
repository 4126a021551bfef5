import { Job } from '#core/queue/jobs'

/**
 * 证书到期提醒 (scheduled by app/certificates/background.ts): SMS and
 * in-site message once per certificate and threshold.
 */
export default class ExpiryRemindersJob extends Job<Record<string, never>> {
  static options = { name: 'certificates.expiry_reminders', maxRetries: 3 }
  static label = '证书到期提醒'

  async execute() {
    const { sendExpiryReminders } = await import('#certificates/actions/reminders')
    await sendExpiryReminders()
  }
}
