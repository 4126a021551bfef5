import { test } from '@japa/runner'
import SmsMessage from '#core/sms/sms_message'
import Message from '#core/messages/message'
import { declaredSchedules, dispatchJob, runQueuedJobs } from '#core/queue/jobs'
import {
  dueThreshold,
  reminderThresholds,
  sendExpiryReminders,
} from '#certificates/actions/reminders'
import { asApplicant } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { holderWith } from '#tests/functional/certificates/support'

const DAY = 86_400_000

async function counts(userId: string, phone: string) {
  const sms = await SmsMessage.query()
    .where('phone', phone)
    .where('purpose', 'certificates.expiry_reminder')
  const messages = await Message.query().where('user_id', userId).where('category', 'certificate')
  return { sms: sms.length, messages: messages.length }
}

/**
 * 到期提醒 (issue 11): 30 and 7 days before expiry, one SMS and one message
 * per certificate and threshold, even when two runners overlap.
 */
test.group('证书到期提醒', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('thresholds are configurable; the due threshold is the smallest one reached', ({
    assert,
  }) => {
    assert.deepEqual(reminderThresholds('7, 30'), [30, 7])
    assert.deepEqual(reminderThresholds('15'), [15])
    assert.deepEqual(reminderThresholds('x'), [30, 7])
    assert.equal(dueThreshold(31 * DAY, [30, 7]), null)
    assert.equal(dueThreshold(30 * DAY, [30, 7]), 30)
    assert.equal(dueThreshold(8 * DAY, [30, 7]), 30)
    assert.equal(dueThreshold(7 * DAY, [30, 7]), 7)
    assert.equal(dueThreshold(-1, [30, 7]), null)
  })

  test('moving the clock: exactly one SMS and one message per threshold, with two runners at once', async ({
    assert,
  }) => {
    const { user, certificate } = await holderWith({ days: 60 })
    const notAfter = certificate.notAfter.toMillis()
    const at = (daysLeft: number) => new Date(notAfter - daysLeft * DAY)

    await Promise.all([sendExpiryReminders({ now: at(45) }), sendExpiryReminders({ now: at(45) })])
    assert.deepEqual(await counts(user.id, user.phone), { sms: 0, messages: 0 })

    // day 30 before expiry: two runners overlap, then a third run an hour later
    await Promise.all([sendExpiryReminders({ now: at(30) }), sendExpiryReminders({ now: at(30) })])
    await sendExpiryReminders({ now: new Date(at(30).getTime() + 3_600_000) })
    assert.deepEqual(await counts(user.id, user.phone), { sms: 1, messages: 1 })

    await Promise.all([sendExpiryReminders({ now: at(12) }), sendExpiryReminders({ now: at(12) })])
    assert.deepEqual(await counts(user.id, user.phone), { sms: 1, messages: 1 })

    await Promise.all([sendExpiryReminders({ now: at(7) }), sendExpiryReminders({ now: at(6.5) })])
    await sendExpiryReminders({ now: at(3) })
    assert.deepEqual(await counts(user.id, user.phone), { sms: 2, messages: 2 })
    const sms = await SmsMessage.query()
      .where('phone', user.phone)
      .where('purpose', 'certificates.expiry_reminder')
      .orderBy('created_at', 'asc')
    assert.include(sms[0].content, '剩余 30 天')
    assert.include(sms[1].content, '请及时登录系统办理续期')
  })

  test('a revoked certificate is not reminded; the schedule runs the job on the queue', async ({
    assert,
  }) => {
    const schedule = declaredSchedules().find((s) => s.id === 'certificates.expiry_reminders')
    assert.exists(schedule)
    const { default: JobType } = await schedule!.job()
    const { user, certificate } = await holderWith({ days: 5 })
    const { revoke } = await import('#issuance/actions/certificate_status')
    await revoke(certificate.serial, 'cessationOfOperation', { actor: { type: 'system' } as any })
    await dispatchJob(JobType as any, {})
    await runQueuedJobs()
    assert.deepEqual(await counts(user.id, user.phone), { sms: 0, messages: 0 })
  })

  test('首页 shows a certificate due for renewal with 续期', async ({ client, assert }) => {
    const { user, certificate } = await holderWith({ days: 20 })
    const home = await asApplicant(client.get('/'), user)
    home.assertStatus(200)
    assert.include(home.text(), '证书即将到期')
    assert.include(home.text(), `/certificates/${certificate.id}`)
  })
})
