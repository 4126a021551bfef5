import type { LucidModel, LucidRow } from '@adonisjs/lucid/types/model'
import { DateTime } from 'luxon'
import { CatalogRuleError } from '#catalog/errors'

/**
 * Small helpers shared by the catalog's actions.
 */

/**
 * The fields of a row as plain values (dates as ISO strings), for the
 * audit entry's before/after.
 */
export function snapshot(row: LucidRow, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    const value = (row as any)[key]
    out[key] = DateTime.isDateTime(value) ? value.toISO() : value
  }
  return out
}

/**
 * What changed between two snapshots: { field: [before, after] }.
 */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: Record<string, [unknown, unknown]> = {}
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      out[key] = [before[key], after[key]]
  }
  return out
}

/**
 * Codes are unique per table (case-insensitive: stored lower-case).
 */
export async function assertCodeFree(model: LucidModel, code: string, exceptId?: string) {
  const query = model.query().where('code', code)
  if (exceptId) query.whereNot('id', exceptId)
  if (await query.first()) throw CatalogRuleError.field('code', '编码已被使用，请换一个')
}

/**
 * Merge rule results into one error carrying every field's message.
 */
export function throwIfErrors(...errorMaps: Array<Record<string, string> | null | undefined>) {
  const merged: Record<string, string> = {}
  for (const map of errorMaps) if (map) Object.assign(merged, map)
  if (Object.keys(merged).length) throw new CatalogRuleError(merged)
}
