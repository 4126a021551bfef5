import { RuleError, type RuleErrorOptions } from '#core/rule_error'

/**
 * A refusal of the orders module (the wizard, an order event, the review,
 * fulfilment, the address book): a Chinese sentence, at its form field
 * when there is one. A rule error: the exception handler brings the form
 * back with it; controllers do not catch it.
 */
export class OrderError extends RuleError {
  constructor(message: string, options: string | RuleErrorOptions = {}) {
    super(message, typeof options === 'string' ? { field: options } : options)
  }
}
