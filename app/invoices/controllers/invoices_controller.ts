import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { sendPrivateFile } from '#core/http/private_file'
import { text } from '#core/http/list_filters'
import invoicesConfig from '#config/invoices'
import { titlesOf } from '#invoices/actions/titles'
import {
  invoiceableOrders,
  invoicePdf,
  previewInvoiceRequest,
  requestInvoice,
} from '#invoices/actions/invoices'
import {
  findInvoiceByToken,
  findOwnInvoice,
  invoicesOf,
  invoiceDetail,
  ordersOfInvoice,
} from '#invoices/queries/invoices'
import { invoiceRequestValidator } from '#invoices/validators'
import { invoiceLifecycle } from '#invoices/lifecycle'
import {
  DIRECTIONS,
  INVOICE_KINDS,
  ORDER_TYPES,
  TITLE_TYPES,
  type OrderType,
} from '#invoices/labels'
import { sharedInvoiceUrl, sharedLinkExpired, sharedLinkExpiresAt } from '#invoices/links'
import { formatTime } from '#core/time'
import officeConfig from '#config/office'
import { titleBookOf } from '#invoices/title_book'

/**
 * 我的发票: 开票历史, 申请开票 (order type → tick paid orders → title →
 * 预计可开票金额 → a confirmation page, the dialog that works without
 * JavaScript), an invoice's page with 下载 and 复制发票链接, and the shared
 * link (token only, no login).
 */
/** one ticked box arrives as a string: always a list */
function listInput(ctx: HttpContext, name: string) {
  const value = ctx.request.input(name)
  ctx.request.updateBody({
    ...ctx.request.body(),
    [name]: value === undefined || value === null ? [] : [value].flat(),
  })
}

export default class InvoicesController {
  async index(ctx: HttpContext) {
    const qs = ctx.request.qs()
    const filters = { orderNo: text(qs.order_no, 19) ?? '', title: text(qs.title, 50) ?? '' }
    const book = await titleBookOf(ctx)
    const invoices = await invoicesOf(book.owner, { ...filters, userId: book.onlyUserId })
    const orders = new Map<string, string[]>()
    for (const invoice of invoices) {
      const covered = await ordersOfInvoice(invoice.originalId ?? invoice.id)
      orders.set(
        invoice.id,
        covered.map((o) => o.orderNo)
      )
    }
    return ctx.view.render('invoices/index', {
      invoices,
      orders,
      filters,
      lifecycle: invoiceLifecycle,
      directions: DIRECTIONS,
    })
  }

  async create(ctx: HttpContext) {
    const book = await titleBookOf(ctx)
    const qs = ctx.request.qs()
    const orderType = (qs.order_type in ORDER_TYPES ? qs.order_type : 'ca') as OrderType
    const orders = await invoiceableOrders(book.orders, orderType)
    const titles = await titlesOf(book.owner)
    const preselected = typeof qs.order === 'string' ? [qs.order] : []
    return ctx.view.render('invoices/new', {
      orderType,
      orderTypes: ORDER_TYPES,
      orders,
      titles,
      titleTypes: TITLE_TYPES,
      kinds: invoicesConfig.specialOffered ? INVOICE_KINDS : { normal: INVOICE_KINDS.normal },
      preselected,
      totalFen: orders
        .filter((o) => preselected.includes(o.orderNo))
        .reduce((sum, o) => sum + o.amountFen, 0),
    })
  }

  /** the confirmation page (确认开票信息) */
  async confirm(ctx: HttpContext) {
    listInput(ctx, 'order_nos')
    const payload = await ctx.request.validateUsing(invoiceRequestValidator)
    const book = await titleBookOf(ctx)
    const preview = await previewInvoiceRequest(book.orders, book.owner, payload)
    return ctx.view.render('invoices/confirm', {
      preview,
      payload,
      orderTypes: ORDER_TYPES,
      titleTypes: TITLE_TYPES,
      kinds: INVOICE_KINDS,
    })
  }

  async store(ctx: HttpContext) {
    listInput(ctx, 'order_nos')
    const payload = await ctx.request.validateUsing(invoiceRequestValidator)
    const book = await titleBookOf(ctx)
    const invoice = await requestInvoice(book.orders, book.owner, payload)
    ctx.session.flash(
      'success',
      `开票申请已提交（申请号 ${invoice.requestNo}），财务开具后将发送至 ${invoice.email}`
    )
    return ctx.response.redirect().toRoute('invoices.index')
  }

  async show(ctx: HttpContext) {
    const invoice = await findOwnInvoice(await titleBookOf(ctx), ctx.params.id)
    if (!invoice) throw new NotFoundError('发票不存在')
    return ctx.view.render('invoices/show', {
      ...(await invoiceDetail(invoice)),
      link:
        invoice.status === 'issued' || invoice.status === 'reversed'
          ? sharedInvoiceUrl(invoice)
          : null,
      linkExpiresAt: sharedLinkExpiresAt(invoice),
      linkExpired: sharedLinkExpired(invoice),
    })
  }

  async pdf(ctx: HttpContext) {
    const invoice = await findOwnInvoice(await titleBookOf(ctx), ctx.params.id)
    const bytes = invoice ? await invoicePdf(invoice) : null
    if (!invoice || !bytes) throw new NotFoundError('发票不存在或尚未开具')
    return sendPrivateFile(ctx, {
      bytes,
      name: `电子发票-${invoice.number}.pdf`,
      type: 'pdf',
      disposition: 'attachment',
    })
  }

  /** 复制发票链接: the PDF for whoever holds the token, for INVOICE_LINK_DAYS after issuing */
  async shared(ctx: HttpContext) {
    const invoice = await findInvoiceByToken(ctx.params.token)
    const bytes = invoice ? await invoicePdf(invoice) : null
    if (!invoice || !bytes) throw new NotFoundError('发票不存在')
    if (sharedLinkExpired(invoice)) {
      return ctx.response.status(410).send(
        await ctx.view.render('errors/error', {
          status: 410,
          title: '发票链接已过期',
          message: `该发票链接自开具之日起 ${invoicesConfig.linkDays} 天内有效，已于 ${formatTime(sharedLinkExpiresAt(invoice)!, 'yyyy-MM-dd')} 过期。发票抬头的所有人可登录后在“我的发票”中下载，或联系 ${officeConfig.hotline} 重新获取。`,
          ref: ctx.request.id(),
        })
      )
    }
    return sendPrivateFile(ctx, {
      bytes,
      name: `电子发票-${invoice.number}.pdf`,
      type: 'pdf',
      disposition: 'inline',
    })
  }
}
