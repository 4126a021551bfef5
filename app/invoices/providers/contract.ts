import type { TitleSnapshot } from '#invoices/models/invoice'

/**
 * The e-invoice provider adapter (数电发票 through a tax-platform service).
 * One driver each: `sandbox` numbers invoices itself (labelled 沙箱), `http`
 * calls a real service. `issue` must be idempotent on `requestNo`: asked
 * again after a crash, the provider answers with the invoice it already
 * made, never a second one.
 */
export interface InvoiceLine {
  name: string
  amountFen: number
  taxFen: number
}

export interface InvoiceIssueRequest {
  requestNo: string
  direction: 'blue' | 'red'
  /** red-letter: the number of the invoice it reverses */
  originalNumber?: string | null
  kind: 'normal' | 'special'
  buyer: TitleSnapshot
  seller: { name: string; taxNumber: string }
  lines: InvoiceLine[]
  /** tax-inclusive total (negative for red-letter) */
  amountFen: number
  taxFen: number
  taxRateBp: number
}

export interface InvoiceIssueResult {
  number: string
  issuedAt: Date
}

export interface InvoiceProvider {
  readonly name: 'sandbox' | 'http'
  readonly sandbox: boolean
  issue(request: InvoiceIssueRequest): Promise<InvoiceIssueResult>
}

export class InvoiceProviderError extends Error {}
