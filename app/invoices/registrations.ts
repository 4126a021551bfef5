import { registerSandboxProbe } from '#core/sandbox'
import invoicesConfig from '#config/invoices'
import edge from 'edge.js'
import { invoiceLifecycle } from '#invoices/lifecycle'
import { issuedInvoiceOfOrder } from '#invoices/queries/invoices'
import { onRefunded } from '#payments/refund_hooks'
import { registerInvoicedAmounts } from '#payments/books/hooks'
import InvoiceOrder from '#invoices/models/invoice_order'
import Invoice from '#invoices/models/invoice'
import { reverseInvoiceOfOrder } from '#invoices/actions/invoices'
import { onPaymentSucceeded } from '#payments/hooks'
import { registerPaymentFormSection } from '#payments/form_sections'
import { paymentInvoiceSection } from '#invoices/payment_section'
import { requestInvoiceOnPayment } from '#invoices/actions/payment_invoice'
import { onOrgClaimed } from '#orgs/claim_hooks'
import { ensureOrgTitle } from '#invoices/actions/titles'
import logger from '@adonisjs/core/services/logger'

/**
 * What the invoices module registers at boot: the audit labels of its
 * lifecycle (lifecycle.ts) and the 沙箱 banner while invoices come from
 * the sandbox provider.
 */
registerSandboxProbe(() =>
  invoicesConfig.driver === 'sandbox' ? '发票：电子发票由沙箱开具，不是真实的税务发票' : null
)

/**
 * The order page (a page of the orders module, which does not know
 * invoices) asks through this Edge global what to offer: 申请开票, 待开票, or
 * the invoice to download.
 */
edge.global('invoiceOfOrder', async (orderNo: string) => {
  const invoice = await issuedInvoiceOfOrder(orderNo)
  if (!invoice) return null
  return {
    id: invoice.id,
    status: invoice.status,
    label: invoiceLifecycle.label(invoice.status),
    downloadable: Boolean(invoice.pdfKey),
  }
})

/* an invoiced order refunded: the red-letter invoice (idempotent: re-run after a crash is harmless) */
onRefunded(async (event) => {
  await reverseInvoiceOfOrder(event.orderNo, event.reason, { type: 'system', name: '退费' })
})

/* 日对账: the amount invoiced per order (issued blue invoices) */
registerInvoicedAmounts(async (orderNos) => {
  const rows = await InvoiceOrder.query()
    .whereIn('order_no', orderNos)
    .whereIn('invoice_id', Invoice.query().select('id').where('status', 'issued'))
  return new Map(rows.map((r) => [r.orderNo, r.amountFen]))
})

/* 是否开票 in the payment form; the request is made when the payment succeeds (in its transaction) */
registerPaymentFormSection(paymentInvoiceSection)
onPaymentSucceeded(async (event, trx) => {
  await requestInvoiceOnPayment(event, trx)
})

/*
 * an org claimed: its own 发票抬头, in the claim's transaction (in a savepoint:
 * a title that cannot be made never fails the claim; the book's first change
 * makes it then)
 */
onOrgClaimed(async (org, trx) => {
  try {
    await trx.transaction((savepoint) =>
      ensureOrgTitle(org.orgId, { name: org.name, uscc: org.uscc, email: org.email }, savepoint)
    )
  } catch (error) {
    logger.error({ err: error, orgId: org.orgId }, 'org invoice title not made at claim')
  }
})
