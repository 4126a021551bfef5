import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { dbTime } from '#core/db_time'
import { RuleError } from '#core/rule_error'

/**
 * A package of uses (套餐): a row with a total, the uses taken, an expiry
 * (none: it does not expire) and where it came from. Two modules sell
 * them — platforms (scans on a platform that charges per use) and seals
 * (org seals) — each with its own table, rules of whom a package belongs
 * to and audit subject; the mechanics are the same and live here:
 *  - a count granted or bought is a whole number within the module's range;
 *  - a new package runs `days` from now (none: no expiry);
 *  - 延期 runs the validity on from the expiry, or from now when expired;
 *  - one use is taken by a conditional update under the row's lock, so of
 *    two takers of the last use one gets it and the other is refused; the
 *    candidates are tried in the caller's order;
 *  - a use given back lowers the count, never below zero.
 */
export interface QuotaTable {
  /** the module's table */
  table: string
  /** its column of the uses bought */
  total: string
  /** its column of the uses taken */
  used: string
}

/** a granted or bought count, checked: a whole number from 1 to `max` */
export function checkQuotaCount(value: number, rule: { max: number; noun: string; field: string }) {
  const count = Math.trunc(Number(value))
  if (!Number.isFinite(count) || count < 1 || count > rule.max)
    throw new RuleError(`${rule.noun}为 1–${rule.max} 的整数`, { field: rule.field })
  return count
}

/** where a new package comes from and until when it runs (no days: it does not expire) */
export function newQuota(input: { days?: number | null; source: string }) {
  return {
    expiresAt: input.days ? DateTime.utc().plus({ days: input.days }) : null,
    source: input.source.slice(0, 100),
  }
}

/** the expiry after 延期 by `days`: from the expiry, or from now when it has passed (or there is none) */
export function runOn(expiresAt: DateTime | null, days: number, now: DateTime = DateTime.utc()) {
  const from = expiresAt && expiresAt > now ? expiresAt : now
  return from.plus({ days })
}

/**
 * One use taken from the first candidate that still has one and has not
 * expired (in the caller's transaction); null when none has.
 */
export async function takeOneUse<T extends { id: string }>(
  trx: TransactionClientContract,
  quota: QuotaTable,
  candidates: T[],
  now: DateTime = DateTime.utc()
): Promise<T | null> {
  for (const pkg of candidates) {
    const taken = await trx
      .from(quota.table)
      .where('id', pkg.id)
      .whereRaw(`${quota.used} < ${quota.total}`)
      .where((q) => q.whereNull('expires_at').orWhere('expires_at', '>', dbTime(now.toJSDate())))
      .update({ [quota.used]: db.raw(`${quota.used} + 1`), updated_at: dbTime(new Date()) })
    if (Number(taken) > 0 || (Array.isArray(taken) && taken.length)) return pkg
  }
  return null
}

/** a use given back to its package (never below zero) */
export async function giveBackUse(trx: TransactionClientContract, quota: QuotaTable, id: string) {
  await trx
    .from(quota.table)
    .where('id', id)
    .where(quota.used, '>', 0)
    .update({ [quota.used]: db.raw(`${quota.used} - 1`), updated_at: dbTime(new Date()) })
}
