import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { sendPrivateFile } from '#core/http/private_file'
import { isoDate, page, text } from '#core/http/list_filters'
import { reviewerOf, activeStaff } from '#core/staff'
import { outboxMails } from '#core/mail/queries'
import { invoicesAwaitingMail } from '#invoices/actions/invoice_mail'
import InvoicePolicy from '#invoices/policies/invoice_policy'
import { invoicePdf, issueInvoice, rejectInvoice } from '#invoices/actions/invoices'
import {
  findInvoice,
  invoiceCsvRow,
  invoiceQuery,
  invoiceDetail,
  searchInvoices,
} from '#invoices/queries/invoices'
import { invoiceLifecycle } from '#invoices/lifecycle'
import { DIRECTIONS } from '#invoices/labels'
import { rejectInvoiceValidator } from '#invoices/validators'
import { invoiceProvider } from '#invoices/providers/index'

/**
 * 发票管理 (finance): requests and invoices with filters and CSV export;
 * 开具 through the provider, 驳回 with a reason; 邮件发件箱 (sandbox mail).
 */
function filtersOf(qs: Record<string, unknown>) {
  return {
    status: text(qs.status, 20) ?? '',
    direction: text(qs.direction, 10) ?? '',
    from: isoDate(qs.from) ?? '',
    to: isoDate(qs.to) ?? '',
    q: text(qs.q, 60) ?? '',
  }
}

function csvCell(value: string) {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export default class AdminInvoicesController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(InvoicePolicy).authorize('view')
    const query = filtersOf(request.qs())
    return view.render('invoices/admin/index', {
      list: await searchInvoices(query, page(request.input('page'))),
      query,
      statuses: invoiceLifecycle.labels(),
      lifecycle: invoiceLifecycle,
      directions: DIRECTIONS,
      sandbox: invoiceProvider().sandbox,
    })
  }

  async export({ bouncer, request, response }: HttpContext) {
    await bouncer.with(InvoicePolicy).authorize('view')
    const rows = await invoiceQuery(filtersOf(request.qs())).limit(10000)
    const header = [
      '申请号',
      '类型',
      '发票号码',
      '购买方',
      '纳税人识别号',
      '价税合计',
      '税额',
      '状态',
      '申请时间',
      '开票时间',
    ]
    const body = [header, ...rows.map(invoiceCsvRow)]
      .map((r) => r.map(csvCell).join(','))
      .join('\r\n')
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header(
      'content-disposition',
      'attachment; filename="invoices.csv"; filename*=UTF-8\'\'%E5%8F%91%E7%A5%A8.csv'
    )
    response.header('cache-control', 'no-store')
    return '\uFEFF' + body + '\r\n'
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(InvoicePolicy).authorize('view')
    const invoice = await findInvoice(params.id)
    if (!invoice) throw new NotFoundError('发票不存在')
    return view.render('invoices/admin/show', {
      ...(await invoiceDetail(invoice)),
      sandbox: invoiceProvider().sandbox,
    })
  }

  async issue({ auth, bouncer, params, response, session }: HttpContext) {
    await bouncer.with(InvoicePolicy).authorize('decide')
    const invoice = await findInvoice(params.id)
    if (!invoice) throw new NotFoundError('发票不存在')
    const staff = activeStaff(auth.use('admin').user)!
    const issued = await issueInvoice(invoice.id, reviewerOf(staff))
    if (issued.emailedAt)
      session.flash('success', `发票已开具，号码 ${issued.number}，已发送至 ${issued.email}`)
    else
      session.flash(
        'warning',
        `发票已开具，号码 ${issued.number}；邮件暂未发出（${issued.mailError ?? '发送失败'}），系统将自动重试`
      )
    return response.redirect().toRoute('admin.invoices.show', { id: invoice.id })
  }

  async reject({ bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(InvoicePolicy).authorize('decide')
    const invoice = await findInvoice(params.id)
    if (!invoice) throw new NotFoundError('发票不存在')
    const { reason } = await request.validateUsing(rejectInvoiceValidator)
    await rejectInvoice(invoice.id, reason)
    session.flash('success', '已驳回开票申请')
    return response.redirect().toRoute('admin.invoices.show', { id: invoice.id })
  }

  async pdf(ctx: HttpContext) {
    await ctx.bouncer.with(InvoicePolicy).authorize('view')
    const invoice = await findInvoice(ctx.params.id)
    const bytes = invoice ? await invoicePdf(invoice) : null
    if (!invoice || !bytes) throw new NotFoundError('发票不存在或尚未开具')
    return sendPrivateFile(ctx, { bytes, name: `电子发票-${invoice.number}.pdf`, type: 'pdf' })
  }

  async mail({ bouncer, request, view }: HttpContext) {
    await bouncer.with(InvoicePolicy).authorize('view')
    const to = text(request.input('to'), 100) ?? ''
    return view.render('invoices/admin/mail', {
      mails: await outboxMails({ to }),
      to,
      waiting: await invoicesAwaitingMail(),
    })
  }
}
