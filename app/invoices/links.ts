import router from '@adonisjs/core/services/router'
import type { DateTime } from 'luxon'
import env from '#start/env'
import invoicesConfig from '#config/invoices'

/**
 * 复制发票链接: the invoice's public address (its unguessable token is the
 * only key), for the PDF's QR code, the email and the copy button.
 */
export function sharedInvoiceUrl(invoice: { token: string }) {
  const base = (env.get('APP_URL') || `http://localhost:${env.get('PORT')}`).replace(/\/+$/, '')
  return base + router.makeUrl('invoices.shared', { token: invoice.token })
}

/**
 * Until when the link works: INVOICE_LINK_DAYS (default 90) after the
 * invoice was issued (null: not issued, no link yet).
 */
export function sharedLinkExpiresAt(invoice: { issuedAt: DateTime | null }) {
  return invoice.issuedAt ? invoice.issuedAt.plus({ days: invoicesConfig.linkDays }) : null
}

export function sharedLinkExpired(invoice: { issuedAt: DateTime | null }, now = Date.now()) {
  const until = sharedLinkExpiresAt(invoice)
  return !until || until.toMillis() <= now
}
