/**
 * The one error an action throws when a business rule says no: a Chinese
 * sentence the user can act on, and (optionally) the form field it
 * belongs to. Controllers do not catch it: the exception handler
 * (#exceptions/handler) sends an HTML form back to its page with the
 * message at the field (or on top of the form) and everything typed kept,
 * and answers JSON callers with `{ error, field }` and the status.
 *
 *   throw new RuleError('该手机号已被其他账号使用', { field: 'new_phone' })
 *   throw new RuleError('订单不存在', { status: 404 })
 *
 * Modules subclass it to tag their refusals (`AccountError`,
 * `IssuanceError`, …); the handler only looks at this class.
 */
export interface RuleErrorOptions {
  /** the form field the message belongs to */
  field?: string
  /** several fields at once (a form that breaks more than one rule): field → message */
  fields?: Record<string, string>
  /** a machine-readable reason (tests and JSON callers use it) */
  code?: string
  /** HTTP status for JSON callers and pages (default 422) */
  status?: number
  /** route name (and params, and the id of the form on that page) of the page to return to instead of the form's */
  redirect?: { route: string; params?: Record<string, unknown> | unknown[]; hash?: string }
  /** extra facts for the caller (never shown as such) */
  data?: Record<string, unknown>
}

export class RuleError extends Error {
  readonly isRuleError = true
  field?: string
  fields?: Record<string, string>
  code?: string
  status: number
  redirect?: RuleErrorOptions['redirect']
  data?: Record<string, unknown>

  constructor(message: string, options: RuleErrorOptions = {}) {
    super(message)
    this.name = new.target.name
    this.field = options.field ?? Object.keys(options.fields ?? {})[0]
    this.fields = options.fields
    this.code = options.code
    this.status = options.status ?? 422
    this.redirect = options.redirect
    this.data = options.data
  }

  /** the shape form helpers use: message at a field, or on top */
  toFormError() {
    return { field: this.field, message: this.message }
  }
}

export function isRuleError(error: unknown): error is RuleError {
  return error instanceof RuleError || (error as RuleError | null)?.isRuleError === true
}

/**
 * Something the caller asked for does not exist (or is not theirs): a
 * 404 page, whatever the module.
 */
export class NotFoundError extends RuleError {
  constructor(message = '您访问的内容不存在或已被删除') {
    super(message, { status: 404, code: 'not_found' })
  }
}
