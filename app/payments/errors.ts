import { RuleError, type RuleErrorOptions } from '#core/rule_error'

/**
 * A refusal of the payments module the user can act on (Chinese message,
 * optionally at a form field). A rule error: the exception handler shows
 * it on the form; controllers do not catch it.
 */
export class PaymentError extends RuleError {
  constructor(message: string, options: string | RuleErrorOptions = {}) {
    super(message, typeof options === 'string' ? { field: options } : options)
  }
}
