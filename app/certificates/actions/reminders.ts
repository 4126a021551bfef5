import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import messages from '#core/messages/message_service'
import sms, { registerSmsPurposes } from '#core/sms/sms_service'
import { formatDate } from '#core/time'
import { randomUUID } from 'node:crypto'
import { findApplicant } from '#accounts/queries/users'
import { certificateStatus } from '#issuance/queries/certificates'
import Certificate from '#certificates/models/certificate'

/**
 * 到期提醒: 30 and 7 days before expiry (CERT_REMINDER_DAYS, e.g. "30,7"),
 * one SMS and one in-site message per certificate and threshold. Run by
 * the scheduled job `certificates.expiry_reminders` (background.ts) on
 * the job queue, which runs each scheduled run on one runner; and even if
 * two runners (or a run and a retry) overlap, the row of
 * `certificate_reminders` (unique certificate + threshold) is claimed
 * before anything is sent: the second insert fails and sends nothing.
 */
registerSmsPurposes({ 'certificates.expiry_reminder': '证书到期提醒' })

const DAY = 86_400_000

export function reminderThresholds(raw = env.get('CERT_REMINDER_DAYS') ?? '30,7'): number[] {
  const days = raw
    .split(',')
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d > 0 && d <= 365)
  return [...new Set(days.length ? days : [30, 7])].sort((a, b) => b - a)
}

/**
 * The threshold a certificate with `msLeft` to expiry is due for: the
 * smallest threshold it has reached (none when expired or still far).
 */
export function dueThreshold(msLeft: number, thresholds: number[]): number | null {
  if (msLeft <= 0) return null
  const reached = thresholds.filter((t) => msLeft <= t * DAY)
  return reached.length ? Math.min(...reached) : null
}

/**
 * Claim (certificate, threshold): one INSERT … ON CONFLICT DO NOTHING
 * RETURNING id (PostgreSQL, SQLite ≥ 3.35). A claim another runner made
 * first returns no row, and never aborts a surrounding transaction.
 */
async function claim(certificateId: string, threshold: number) {
  const now = new Date()
  const rows = await db
    .knexQuery()
    .table('certificate_reminders')
    .insert({
      id: randomUUID(),
      certificate_id: certificateId,
      threshold_days: threshold,
      created_at: now,
      updated_at: now,
    })
    .onConflict(['certificate_id', 'threshold_days'])
    .ignore()
    .returning('id')
  return Array.isArray(rows) && rows.length > 0
}

export async function sendExpiryReminders(options: { now?: Date; thresholds?: number[] } = {}) {
  const now = options.now ?? new Date()
  const thresholds = options.thresholds ?? reminderThresholds()
  const horizon = new Date(now.getTime() + Math.max(...thresholds) * DAY)
  const candidates = await Certificate.query()
    .where('not_after', '>', DateTime.fromJSDate(now).toSQL()!)
    .where('not_after', '<=', DateTime.fromJSDate(horizon).toSQL()!)
    .whereNotIn(
      'id',
      db.from('certificates as r').whereNotNull('r.replaces_id').select('r.replaces_id')
    )
  let sent = 0
  for (const certificate of candidates) {
    const threshold = dueThreshold(certificate.notAfter.toMillis() - now.getTime(), thresholds)
    if (threshold === null) continue
    const live = await certificateStatus(certificate.serial)
    if (!live || live.status !== 'valid') continue
    if (!(await claim(certificate.id, threshold))) continue
    const days = Math.max(1, Math.ceil((certificate.notAfter.toMillis() - now.getTime()) / DAY))
    const text = `您的${certificate.productName}（${certificate.subjectName}）将于 ${formatDate(certificate.notAfter)} 到期（剩余 ${days} 天），请及时登录系统办理续期，以免影响使用。`
    await messages.send(certificate.userId, {
      category: 'certificate',
      title: `证书将于 ${days} 天后到期，请及时续期`,
      body: text,
      link: `/certificates/${certificate.id}#services`,
    })
    const holder = await findApplicant(certificate.userId)
    if (holder?.phone) {
      try {
        await sms.send(holder.phone, text, 'certificates.expiry_reminder')
      } catch (error) {
        logger.warn({ err: error, certificate: certificate.id }, 'expiry reminder SMS failed')
      }
    }
    sent++
  }
  return { sent }
}
