import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'

/**
 * Helpers of the accounts functional tests (not a spec file).
 */

/**
 * The last verification code sent to a phone, read from the SMS outbox
 * (the outbox driver keeps the full text).
 */
export async function lastCode(phone: string, purpose?: string): Promise<string> {
  const query = db.from('sms_messages').where('phone', phone).where('purpose', 'like', 'code:%')
  if (purpose) query.where('purpose', `code:${purpose}`)
  const row = await query.orderBy('created_at', 'desc').first()
  const match = row ? /验证码为 (\d{6})/.exec(row.content) : null
  if (!match) throw new Error(`no code sent to ${phone}`)
  return match[1]
}

export async function smsTo(phone: string) {
  return db.from('sms_messages').where('phone', phone).orderBy('created_at', 'asc')
}

export function fieldErrors(response: ApiResponse): Record<string, string[]> {
  return (response.flashMessages()?.inputErrorsBag ?? {}) as Record<string, string[]>
}

/**
 * The message shown at a field after the form comes back.
 */
export function assertFieldError(
  assert: Assert,
  response: ApiResponse,
  field: string,
  message: string
) {
  const errors = fieldErrors(response)[field] ?? []
  assert.isTrue(
    errors.some((e) => e.includes(message)),
    `expected "${message}" at ${field}, got ${JSON.stringify(fieldErrors(response))}`
  )
}

export function flash(response: ApiResponse, key: string) {
  return response.flashMessages()?.[key]
}

/**
 * Age the latest unused code of a phone (expiry tests).
 */
export async function expireCodes(phone: string) {
  await db
    .from('verification_codes')
    .where('phone', phone)
    .update({
      expires_at: DateTime.utc()
        .minus({ minutes: 1 })
        .toFormat(db.connection().dialect.dateTimeFormat),
    })
}
