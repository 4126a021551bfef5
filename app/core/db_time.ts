import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Times written by the query builder must look like the ones Lucid models
 * write, or SQLite compares apples with oranges: node-sqlite3 would store
 * a JS Date as a number, Lucid stores "yyyy-MM-dd HH:mm:ss" text. On
 * PostgreSQL a Date goes to timestamptz as it is.
 */
export function dbTime(date: Date, client?: QueryClientContract): Date | string {
  const dialect = (client ?? db.connection()).dialect.name
  if (dialect === 'postgres') return date
  // what luxon's toFormat('yyyy-MM-dd HH:mm:ss') gives in the system zone (as Lucid writes), without luxon's cost
  const p = (n: number) => (n < 10 ? '0' + n : String(n))
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`
}

/**
 * A time read with the query builder (Date on PostgreSQL, text on SQLite).
 */
export function fromDb(value: unknown): Date {
  if (value instanceof Date) return value
  if (typeof value === 'number') return new Date(value)
  const text = String(value)
  const sql = DateTime.fromSQL(text)
  if (sql.isValid) return sql.toJSDate()
  return new Date(text)
}
