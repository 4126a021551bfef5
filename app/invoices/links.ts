import router from '@adonisjs/core/services/router'
import env from '#start/env'

/**
 * 复制发票链接: the invoice's public address (its unguessable token is the
 * only key), for the PDF's QR code, the email and the copy button.
 */
export function sharedInvoiceUrl(invoice: { token: string }) {
  const base = (env.get('APP_URL') || `http://localhost:${env.get('PORT')}`).replace(/\/+$/, '')
  return base + router.makeUrl('invoices.shared', { token: invoice.token })
}
