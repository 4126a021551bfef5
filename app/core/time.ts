import { DateTime } from 'luxon'

/**
 * Times are stored in UTC and shown in Asia/Shanghai.
 */
export const DISPLAY_ZONE = 'Asia/Shanghai'

type TimeLike = DateTime | Date | string | number | null | undefined

export function toDateTime(value: TimeLike): DateTime | null {
  if (value === null || value === undefined || value === '') return null
  if (DateTime.isDateTime(value)) return value
  if (value instanceof Date) return DateTime.fromJSDate(value)
  if (typeof value === 'number') return DateTime.fromMillis(value)
  const iso = DateTime.fromISO(value, { zone: 'utc' })
  if (iso.isValid) return iso
  const sql = DateTime.fromSQL(value, { zone: 'utc' })
  return sql.isValid ? sql : null
}

export function formatTime(value: TimeLike, format = 'yyyy-MM-dd HH:mm:ss'): string {
  const dt = toDateTime(value)
  return dt ? dt.setZone(DISPLAY_ZONE).toFormat(format) : ''
}

export function formatDate(value: TimeLike): string {
  return formatTime(value, 'yyyy-MM-dd')
}

/**
 * Start of "today" in Shanghai, as a UTC DateTime (for date filters).
 */
export function shanghaiDayStart(isoDate: string): DateTime | null {
  const dt = DateTime.fromISO(isoDate, { zone: DISPLAY_ZONE })
  return dt.isValid ? dt.startOf('day').toUTC() : null
}

export function shanghaiDayEnd(isoDate: string): DateTime | null {
  const dt = DateTime.fromISO(isoDate, { zone: DISPLAY_ZONE })
  return dt.isValid ? dt.endOf('day').toUTC() : null
}

/**
 * A moment as the database compares it with Lucid's timestamp columns:
 * SQLite keeps "yyyy-MM-dd HH:mm:ss" text in UTC, PostgreSQL a timestamptz.
 * Use it in where() clauses on timestamp columns.
 */
export function dbTimestamp(dt: DateTime, dialect: string): string {
  const utc = dt.toUTC()
  return dialect === 'postgres' ? utc.toISO()! : utc.toFormat('yyyy-MM-dd HH:mm:ss')
}
