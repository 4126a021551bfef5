import invoicesConfig from '#config/invoices'
import type { InvoiceProvider } from './contract.js'
import { SandboxInvoiceProvider } from './sandbox.js'
import { HttpInvoiceProvider } from './http.js'

/**
 * The configured provider (INVOICE_DRIVER); tests swap it with `useProvider`.
 */
let current: InvoiceProvider | null = null

export function invoiceProvider(): InvoiceProvider {
  current ??=
    invoicesConfig.driver === 'http'
      ? new HttpInvoiceProvider(invoicesConfig.http)
      : new SandboxInvoiceProvider()
  return current
}

/** tests: use another provider; the returned function restores the previous one */
export function useProvider(provider: InvoiceProvider): () => void {
  const previous = current
  current = provider
  return () => {
    current = previous
  }
}
