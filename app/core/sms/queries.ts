/**
 * Reading the SMS outbox (短信发件箱 in the back office, figures on its
 * dashboard): modules ask here, never the sms_messages table.
 */
import { DateTime } from 'luxon'
import SmsMessage from '#core/sms/sms_message'
import { smsPurposeLabel } from '#core/sms/sms_service'
import { CODE_PURPOSES } from '#core/sms/verification_codes'
import { shanghaiDayEnd, shanghaiDayStart, DISPLAY_ZONE } from '#core/time'
import { compact, dbTimestamp, isoDate, oneOf, page, text } from '#core/http/list_filters'

export const SMS_STATUSES = { sent: '已发送', failed: '发送失败' } as const
export const SMS_DRIVERS: Record<string, string> = { outbox: '发件箱（沙箱）', http: '短信网关' }

export interface SmsOutboxFilters {
  phone?: string
  status?: keyof typeof SMS_STATUSES
  from?: string
  to?: string
}

export function parseSmsFilters(qs: Record<string, unknown>) {
  const phone = text(qs.phone, 20)
  return {
    filters: compact<SmsOutboxFilters>({
      phone: phone && /^\d{1,11}$/.test(phone) ? phone : undefined,
      status: oneOf(qs.status, ['sent', 'failed'] as const),
      from: isoDate(qs.from),
      to: isoDate(qs.to),
    }),
    page: page(qs.page),
  }
}

/**
 * What an SMS was for, in Chinese: verification codes by their purpose,
 * other messages by the label their module registered.
 */
export function purposeLabel(purpose: string): string {
  if (purpose.startsWith('code:')) {
    const key = purpose.slice(5) as keyof typeof CODE_PURPOSES
    return `验证码 · ${CODE_PURPOSES[key] ?? key}`
  }
  return smsPurposeLabel(purpose)
}

/**
 * Content as staff may see it: the outbox driver's messages never left
 * the machine, so the code is shown (that is how a tester reads it); a
 * message sent to a real phone is stored masked, and any 4-8 digit run
 * that slipped through is masked here as well.
 */
export function visibleContent(
  message: Pick<SmsMessage, 'driver' | 'content' | 'purpose'>
): string {
  if (message.driver === 'outbox') return message.content
  return message.purpose.startsWith('code:')
    ? message.content.replace(/\d{4,8}/g, '******')
    : message.content
}

/**
 * 短信发件箱: newest first, by phone (full or partial) and Shanghai date.
 */
export async function listSmsMessages(filters: SmsOutboxFilters, pageNumber = 1, perPage = 20) {
  const query = SmsMessage.query()
  if (filters.phone) {
    if (filters.phone.length === 11) query.where('phone', filters.phone)
    else query.where('phone', 'like', `%${filters.phone}%`)
  }
  if (filters.status) query.where('status', filters.status)
  const from = filters.from ? shanghaiDayStart(filters.from) : null
  const to = filters.to ? shanghaiDayEnd(filters.to) : null
  if (from) query.where('created_at', '>=', dbTimestamp(from))
  if (to) query.where('created_at', '<=', dbTimestamp(to))
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').paginate(pageNumber, perPage)
}

/**
 * SMS handed to the gateway since midnight (Asia/Shanghai).
 */
export async function countSmsToday(status?: keyof typeof SMS_STATUSES) {
  const start = DateTime.now().setZone(DISPLAY_ZONE).startOf('day').toUTC()
  const query = SmsMessage.query().where('created_at', '>=', dbTimestamp(start))
  if (status) query.where('status', status)
  const row = await query.count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

/**
 * Whether an SMS of this purpose mentioning `reference` (an order number)
 * has already gone to the phone: a job that sends once asks before sending.
 */
export async function smsAlreadySent(phone: string, purpose: string, reference: string) {
  const sent = await SmsMessage.query()
    .where('phone', phone)
    .where('purpose', purpose)
    .where('status', 'sent')
    .whereLike('content', `%${reference}%`)
    .first()
  return Boolean(sent)
}
