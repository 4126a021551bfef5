import { RuleError, type RuleErrorOptions } from '#core/rule_error'

/**
 * Refusals of the certificates module, as rule errors (#core/rule_error):
 * the exception handler shows them at their form field; controllers do
 * not catch them.
 *
 * CertificateActionError: the holder's own operations (PIN change,
 * PKCS#12 export) — a wrong PIN, a weak new PIN, a uKey certificate.
 */
export class CertificateActionError extends RuleError {
  constructor(message: string, options: string | RuleErrorOptions = {}) {
    super(message, typeof options === 'string' ? { field: options } : options)
  }
}

/**
 * CertificateIssueError: the CA refused to issue for an order (bad CSR,
 * weak key…); the orders module shows it at the CSR field when it
 * concerns the CSR.
 */
export class CertificateIssueError extends RuleError {
  constructor(message: string, field?: string) {
    super(message, { field })
  }
}
