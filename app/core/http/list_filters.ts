import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * Reading list filters from a query string. A list page always renders:
 * a value that does not fit is dropped, never an error.
 */
export function text(value: unknown, max = 100): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed ? trimmed.slice(0, max) : undefined
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined
}

export function isoDate(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())
    ? value.trim()
    : undefined
}

export function page(value: unknown): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= 100000 ? n : 1
}

/**
 * Filters without the empty ones (to keep them in pagination links).
 */
export function compact<T extends object>(filters: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== '')
  ) as Partial<T>
}

/**
 * Escape % and _ for a LIKE pattern.
 */
export function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * A moment as the database compares it with Lucid's timestamp columns:
 * SQLite keeps "yyyy-MM-dd HH:mm:ss" text in UTC, PostgreSQL a timestamptz
 * (given with its offset, whatever the session's time zone).
 */
export function dbTimestamp(dt: DateTime): string {
  const utc = dt.toUTC()
  return db.connection().dialect.name === 'postgres'
    ? utc.toISO()!
    : utc.toFormat('yyyy-MM-dd HH:mm:ss')
}
