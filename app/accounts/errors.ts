import { RuleError } from '#core/rule_error'

/**
 * A refusal of the accounts module the user can fix: a Chinese message,
 * and the form field it belongs to (none: shown on top of the form). A
 * RuleError, so that controllers do not catch it: the exception handler
 * returns to the form with the message at its field and the input kept.
 */
export class AccountError extends RuleError {
  constructor(message: string, field?: string) {
    super(message, { field })
  }
}
