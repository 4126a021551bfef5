import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { PaymentFormSection } from '#payments/form_sections'
import { findOwnOrder } from '#orders/queries/orders'
import invoicesConfig from '#config/invoices'
import { titlesOf } from '#invoices/actions/titles'
import { choosePaymentInvoice, invoiceChoiceOf } from '#invoices/actions/payment_invoice'
import { InvoiceError } from '#invoices/errors'
import { INVOICE_KINDS, TITLE_TYPES } from '#invoices/labels'
import { titleBookOf } from '#invoices/title_book'

/**
 * 是否开票 in the payment form (see #payments/form_sections): the titles of
 * the book the payer works on (their own, or the org's they act for), the
 * kind, and what was chosen before for this order.
 */
export const paymentInvoiceSection: PaymentFormSection = {
  component: 'invoices/payment_section',

  async props(ctx: HttpContext, orderNo: string) {
    const book = await titleBookOf(ctx)
    const titles = await titlesOf(book.owner)
    const chosen = await invoiceChoiceOf(orderNo)
    const fallback = titles.find((t) => t.isDefault) ?? titles[0]
    return {
      requested: Boolean(chosen?.invoiceId),
      wanted: chosen ? 'yes' : 'no',
      titleId: chosen?.titleId ?? fallback?.id ?? '',
      kind: chosen?.kind ?? 'normal',
      kinds: invoicesConfig.specialOffered ? INVOICE_KINDS : { normal: INVOICE_KINDS.normal },
      titles: titles.map((t) => ({
        value: t.id,
        label: `${t.name}（${TITLE_TYPES[t.titleType]}）`,
        help: (t.taxNumber ? `${t.taxNumber} · ` : '') + t.email,
      })),
      orgName: book.orgName,
      canEdit: book.canEdit,
      addUrl: urlFor('invoices.titles.create', {}, { qs: { next: 'pay', order: orderNo } }),
    }
  },

  async accept(ctx: HttpContext, orderNo: string) {
    const wanted = ctx.request.input('invoice_wanted')
    if (wanted === undefined || wanted === null) return
    if (wanted !== 'yes' && wanted !== 'no')
      throw new InvoiceError('请选择是否开票', 'invoice_wanted')
    const userId = String(ctx.auth.getUserOrFail().id)
    const order = await findOwnOrder(userId, orderNo)
    if (!order) return
    const book = await titleBookOf(ctx)
    /* an org's order is invoiced in the org's book, a personal order in the person's */
    if (wanted === 'yes' && (order.orgId ?? null) !== book.orders.orgId)
      throw new InvoiceError(
        order.orgId
          ? '该订单属于机构，请切换为该机构身份后选择发票抬头，或选择“否”'
          : '该订单是个人订单，请切换为自然人身份后选择发票抬头，或选择“否”',
        'invoice_wanted'
      )
    await choosePaymentInvoice(userId, book.owner, orderNo, {
      wanted: wanted === 'yes',
      titleId: ctx.request.input('invoice_title_id'),
      kind: ctx.request.input('invoice_kind'),
    })
  },
}
