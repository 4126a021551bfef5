/**
 * A refusal the user can fix: a Chinese message, and the form field it
 * belongs to (none: shown on top of the form).
 */
export class AccountError extends Error {
  constructor(
    message: string,
    public field?: string
  ) {
    super(message)
  }

  toFormError() {
    return { field: this.field, message: this.message }
  }
}

/**
 * Unique-index violations of SQLite and PostgreSQL (a race that the
 * checks before the insert did not see).
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as any
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint/i.test(e?.message ?? '')
  )
}
