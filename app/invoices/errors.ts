import { RuleError, type RuleErrorOptions } from '#core/rule_error'

/**
 * A refusal of the invoices module (title book, invoice requests, issuing):
 * a Chinese sentence, at its form field when there is one.
 */
export class InvoiceError extends RuleError {
  constructor(message: string, options: string | RuleErrorOptions = {}) {
    super(message, typeof options === 'string' ? { field: options } : options)
  }
}
