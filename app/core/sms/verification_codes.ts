import { createHmac, randomInt, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import smsConfig from '#config/sms'
import { consumeRates, describeWait } from '#core/rate_limit'
import sms, { SmsDeliveryError } from './sms_service.js'
import VerificationCode from './verification_code.js'

/**
 * What a code is for; the purpose is part of the SMS text and a code of
 * one purpose never passes for another. Core's own purposes are listed
 * here; a module adds its own at boot with registerCodePurposes (e.g.
 * accounts' 实名认证), so that nobody edits this list for them.
 */
const BASE_PURPOSES = {
  register: '注册账号',
  login: '登录',
  reset_password: '找回密码',
  change_phone: '更换手机号',
  deregister: '注销账号',
  order: '证书申请',
  verify_phone: '验证手机号',
  pin_reset: '证书 PIN 码重置',
} as const

export const CODE_PURPOSES: Readonly<Record<string, string>> & typeof BASE_PURPOSES = {
  ...BASE_PURPOSES,
}

export type CodePurpose = keyof typeof BASE_PURPOSES | (string & {})

/**
 * A module's own code purposes (key → what the SMS says the code is for).
 * A key already taken with another label is refused: two modules must
 * not share a purpose by accident.
 */
export function registerCodePurposes(labels: Record<string, string>) {
  for (const [key, label] of Object.entries(labels)) {
    const taken = (CODE_PURPOSES as Record<string, string>)[key]
    if (taken && taken !== label) throw new Error(`code purpose "${key}" is already "${taken}"`)
    ;(CODE_PURPOSES as Record<string, string>)[key] = label
  }
}

export function isCodePurpose(value: unknown): value is CodePurpose {
  return typeof value === 'string' && Object.hasOwn(CODE_PURPOSES, value)
}

export type SendResult =
  { ok: true; cooldown: number } | { ok: false; message: string; retryAfter?: number }
export type VerifyResult = { ok: true } | { ok: false; message: string }

function hashCode(phone: string, purpose: string, code: string) {
  return createHmac('sha256', env.get('APP_KEY').release())
    .update(`${phone}:${purpose}:${code}`)
    .digest('hex')
}

export class VerificationCodes {
  /**
   * Issue a new code: rate limits per phone (60 s cool-down, daily cap)
   * and per IP; earlier unused codes of the same purpose die.
   */
  async send(phone: string, purpose: CodePurpose, ip: string | null): Promise<SendResult> {
    const rules = smsConfig.codes
    const checks = [
      { key: `sms:cooldown:${phone}:${purpose}`, rule: rules.perPhoneCooldown },
      { key: `sms:daily:${phone}`, rule: rules.perPhoneDaily },
    ]
    if (ip) checks.push({ key: `sms:ip:${ip}`, rule: rules.perIpHourly })
    const rate = await consumeRates(checks)
    if (!rate.ok) {
      const message =
        rate.retryAfter <= 60
          ? `验证码发送过于频繁，请 ${rate.retryAfter} 秒后再试`
          : `验证码发送次数已达上限，请 ${describeWait(rate.retryAfter)}后再试`
      return { ok: false, message, retryAfter: rate.retryAfter }
    }

    const code = String(randomInt(0, 10 ** rules.length)).padStart(rules.length, '0')
    await VerificationCode.query()
      .where('phone', phone)
      .where('purpose', purpose)
      .whereNull('consumed_at')
      .update({ consumed_at: DateTime.utc().toSQL({ includeOffset: false }) })

    await VerificationCode.create({
      phone,
      purpose,
      codeHash: hashCode(phone, purpose, code),
      expiresAt: DateTime.utc().plus({ seconds: rules.ttlSeconds }),
      attempts: 0,
      consumedAt: null,
      ip,
    })

    const minutes = Math.round(rules.ttlSeconds / 60)
    const label = (CODE_PURPOSES as Record<string, string>)[purpose] ?? purpose
    try {
      await sms.send(
        phone,
        `您的验证码为 ${code}，用于${label}，${minutes} 分钟内有效。如非本人操作，请忽略本短信。`,
        `code:${purpose}`,
        { logContent: `您的验证码为 ******，用于${label}，${minutes} 分钟内有效。` }
      )
    } catch (error) {
      if (error instanceof SmsDeliveryError) {
        return { ok: false, message: '短信发送失败，请稍后重试' }
      }
      throw error
    }
    return { ok: true, cooldown: 60 }
  }

  /**
   * Check a code typed by the user. A right code is used up; a wrong one
   * counts, and the fifth wrong try kills the code.
   *
   * Both happen in single conditional UPDATEs: requests sent at the same
   * moment cannot all read the same count and each get a free guess, nor
   * pass the same code twice.
   */
  async verify(
    phone: string,
    purpose: CodePurpose,
    code: string | null | undefined
  ): Promise<VerifyResult> {
    if (!code || !/^\d{6}$/.test(code)) {
      return { ok: false, message: '请输入 6 位数字验证码' }
    }
    const record = await VerificationCode.query()
      .where('phone', phone)
      .where('purpose', purpose)
      .whereNull('consumed_at')
      .orderBy('created_at', 'desc')
      .first()
    if (!record) return { ok: false, message: '请先获取验证码' }
    if (record.expiresAt < DateTime.utc()) {
      return { ok: false, message: '验证码已过期，请重新获取' }
    }
    const maxAttempts = smsConfig.codes.maxAttempts

    /* take one try before comparing */
    const tried = await db
      .from('verification_codes')
      .where('id', record.id)
      .whereNull('consumed_at')
      .where('attempts', '<', maxAttempts)
      .increment('attempts', 1)
    if (!affectedRows(tried)) {
      const now = await db
        .from('verification_codes')
        .where('id', record.id)
        .select('consumed_at')
        .first()
      return now?.consumed_at
        ? { ok: false, message: '请先获取验证码' }
        : { ok: false, message: '验证码错误次数过多，请重新获取' }
    }

    const expected = Buffer.from(record.codeHash, 'hex')
    const given = Buffer.from(hashCode(phone, purpose, code), 'hex')
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      const row = await db
        .from('verification_codes')
        .where('id', record.id)
        .select('attempts')
        .first()
      const left = maxAttempts - Number(row?.attempts ?? maxAttempts)
      return {
        ok: false,
        message: left > 0 ? `验证码错误，还可尝试 ${left} 次` : '验证码错误次数过多，请重新获取',
      }
    }

    /* the right code, used up once */
    const used = await db
      .from('verification_codes')
      .where('id', record.id)
      .whereNull('consumed_at')
      .update({ consumed_at: DateTime.utc().toSQL({ includeOffset: false }) })
    if (!affectedRows(used)) return { ok: false, message: '请先获取验证码' }
    return { ok: true }
  }
}

/**
 * Rows changed by an UPDATE, as SQLite and PostgreSQL report them.
 */
function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return typeof result[0] === 'number' ? result[0] : result.length
  return Number(result) || 0
}

const verificationCodes = new VerificationCodes()
export default verificationCodes
