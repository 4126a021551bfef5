/**
 * A unique index refused the write (PostgreSQL 23505, SQLite
 * SQLITE_CONSTRAINT: UNIQUE): the database decided a race.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as any
  if (!e) return false
  if (e.code === '23505') return true
  return e.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(String(e.message))
}
