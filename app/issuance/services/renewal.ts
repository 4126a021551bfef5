import { formatDate } from '#core/time'

/**
 * The renewal rule (更新/延期), a pure function:
 *
 * - allowed from `windowDays` before the old notAfter (the product's
 *   window, e.g. 60 or 90 days) until `maxExpiredDays` after it;
 * - unexpired (now ≤ notAfter): the new term runs on from the old notAfter;
 * - expired ≤ maxExpiredDays: the new term runs from now;
 * - expired longer: refused, the holder must apply anew (新办).
 */
export interface RenewalInput {
  /** notAfter of the certificate being renewed */
  notAfter: Date
  /** the chosen number of years (whole years) */
  years: number
  /** how many days before expiry renewal opens (product setting) */
  windowDays: number
  now?: Date
  /** default 365 */
  maxExpiredDays?: number
  /** default 5 */
  maxYears?: number
}

export type RenewalDecision =
  | {
      allowed: true
      /** the certificate has already expired */
      expired: boolean
      /** where the new term starts: the old notAfter, or now */
      runsFrom: 'previous_expiry' | 'now'
      termStart: Date
      /** notAfter of the new certificate */
      notAfter: Date
    }
  | {
      allowed: false
      code: 'too_early' | 'expired_too_long' | 'invalid_years' | 'invalid_window'
      /** why, in Chinese, ready to show */
      reason: string
      /** too_early: the first moment renewal is allowed */
      opensAt?: Date
    }

const DAY = 86_400_000

/**
 * The same instant `years` later (UTC calendar); 29 February becomes
 * 28 February in a common year.
 */
export function addYears(date: Date, years: number): Date {
  const y = date.getUTCFullYear() + years
  const m = date.getUTCMonth()
  const result = new Date(
    Date.UTC(
      y,
      m,
      date.getUTCDate(),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds()
    )
  )
  if (result.getUTCMonth() !== m) result.setUTCDate(0) // rolled over into the next month: last day of the intended one
  return result
}

export function renewalTerm(input: RenewalInput): RenewalDecision {
  const now = input.now ?? new Date()
  const maxExpiredDays = input.maxExpiredDays ?? 365
  const maxYears = input.maxYears ?? 5
  const { notAfter, years, windowDays } = input

  if (!Number.isInteger(years) || years < 1 || years > maxYears) {
    return {
      allowed: false,
      code: 'invalid_years',
      reason: `更新年限应为 1 至 ${maxYears} 年的整数`,
    }
  }
  if (!Number.isInteger(windowDays) || windowDays < 0) {
    return {
      allowed: false,
      code: 'invalid_window',
      reason: '产品的更新办理期限设置有误，请联系客服',
    }
  }

  const opensAt = new Date(notAfter.getTime() - windowDays * DAY)
  const closesAt = new Date(notAfter.getTime() + maxExpiredDays * DAY)

  if (now.getTime() < opensAt.getTime()) {
    return {
      allowed: false,
      code: 'too_early',
      reason: `证书有效期至 ${formatDate(notAfter)}，到期前 ${windowDays} 天内（${formatDate(opensAt)} 起）才能办理更新`,
      opensAt,
    }
  }
  if (now.getTime() > closesAt.getTime()) {
    return {
      allowed: false,
      code: 'expired_too_long',
      reason: `证书已于 ${formatDate(notAfter)} 过期，超过 ${maxExpiredDays} 天不能更新，请重新申请（新办）`,
    }
  }

  const expired = now.getTime() > notAfter.getTime()
  const termStart = expired ? now : notAfter
  const end = addYears(termStart, years)
  return {
    allowed: true,
    expired,
    runsFrom: expired ? 'now' : 'previous_expiry',
    termStart,
    notAfter: end,
  }
}
