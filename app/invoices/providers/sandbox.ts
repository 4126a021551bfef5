import type { InvoiceIssueRequest, InvoiceIssueResult, InvoiceProvider } from './contract.js'

/**
 * 沙箱开票: no tax platform. The invoice number is the 20-digit 数电 shape
 * (two digits of the year + the request's 18 last digits), so asking twice
 * for one request gives the same number: idempotent by construction.
 */
export class SandboxInvoiceProvider implements InvoiceProvider {
  readonly name = 'sandbox' as const
  readonly sandbox = true

  async issue(request: InvoiceIssueRequest): Promise<InvoiceIssueResult> {
    const year = String(new Date().getUTCFullYear()).slice(-2)
    return { number: `${year}${request.requestNo.slice(-18)}`, issuedAt: new Date() }
  }
}
