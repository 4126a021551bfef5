import type { HttpContext } from '@adonisjs/core/http'
import { isoDate, oneOf, text } from '#core/http/list_filters'
import { DateTime } from 'luxon'
import PaymentPolicy from '#payments/policies/payment_policy'
import { PAYMENT_METHODS, isPaymentMethod } from '#payments/labels'
import { paymentLifecycle } from '#payments/lifecycle'
import { refundLifecycle } from '#payments/refund_lifecycle'
import { bookHooks } from '#payments/books/hooks'
import {
  MISMATCH_LABELS,
  dailyReconciliation,
  paymentBook,
  paymentBookStatuses,
  paymentCsv,
  refundBook,
  refundCsv,
} from '#payments/books/queries'
import { StatementError, parseStatement } from '#payments/books/statement'
import { PaymentError } from '#payments/errors'
import { NotFoundError } from '#core/rule_error'
import { reviewerOf, type StaffActor } from '#core/staff'
import { findStatementImport, importStatement, statementImports } from '#payments/books/imports'

/**
 * 财务账簿 (finance): payments and refunds with filters and CSV, 日对账 per
 * platform and gateway, and 导入对账单 (a WeChat Pay or Alipay daily
 * statement) listing the mismatches.
 */
const TABS = ['payments', 'refunds'] as const

function filtersOf(qs: Record<string, unknown>) {
  return {
    tab: oneOf(qs.tab, TABS) ?? 'payments',
    from: isoDate(qs.from) ?? '',
    to: isoDate(qs.to) ?? '',
    platform: text(qs.platform, 36) ?? '',
    method: text(qs.method, 20) ?? '',
    status: text(qs.status, 20) ?? '',
  }
}

function today() {
  return DateTime.now().setZone('Asia/Shanghai').toISODate()!
}

export default class BooksController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const query = filtersOf(request.qs())
    const rows =
      query.tab === 'refunds' ? await refundBook(query, 500) : await paymentBook(query, 500)
    const platforms = await bookHooks.platformList()
    return view.render('payments/admin/books/index', {
      query,
      rows,
      platforms: Object.fromEntries(platforms.map((p) => [p.id, p.name])),
      methods: PAYMENT_METHODS,
      statuses: query.tab === 'refunds' ? refundLifecycle.labels() : paymentBookStatuses(),
      lifecycle: query.tab === 'refunds' ? refundLifecycle : paymentLifecycle,
    })
  }

  async export({ bouncer, request, response }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const query = filtersOf(request.qs())
    const csv =
      query.tab === 'refunds'
        ? refundCsv(await refundBook(query))
        : paymentCsv(await paymentBook(query))
    const name = query.tab === 'refunds' ? '退款记录' : '支付记录'
    response.header('content-type', 'text/csv; charset=utf-8')
    response.header(
      'content-disposition',
      `attachment; filename="${query.tab}.csv"; filename*=UTF-8''${encodeURIComponent(name)}.csv`
    )
    response.header('cache-control', 'no-store')
    return csv
  }

  async reconciliation({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const date = isoDate(request.input('date')) ?? today()
    const rows = await dailyReconciliation(date)
    const total = rows.reduce(
      (t, r) => ({
        paidFen: t.paidFen + r.paidFen,
        refundedFen: t.refundedFen + r.refundedFen,
        netFen: t.netFen + r.netFen,
        invoicedFen: t.invoicedFen + r.invoicedFen,
        paidCount: t.paidCount + r.paidCount,
      }),
      { paidFen: 0, refundedFen: 0, netFen: 0, invoicedFen: 0, paidCount: 0 }
    )
    return view.render('payments/admin/books/reconciliation', {
      date,
      rows,
      total,
      methods: PAYMENT_METHODS,
      imports: await statementImports(),
    })
  }

  async importStatement({ auth, bouncer, request, response }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const date = isoDate(request.input('date'))
    if (!date) throw new PaymentError('请选择对账日期', 'date')
    const file = request.file('statement', { size: '10mb', extnames: ['csv', 'txt'] })
    if (!file || !file.isValid || !file.tmpPath)
      throw new PaymentError('请上传 CSV 格式的对账单', 'statement')
    const { readFile } = await import('node:fs/promises')
    let parsed
    try {
      parsed = parseStatement(await readFile(file.tmpPath, 'utf8'))
    } catch (error) {
      if (error instanceof StatementError) throw new PaymentError(error.message, 'statement')
      throw error
    }
    const method = request.input('method')
    if (isPaymentMethod(method) && method !== parsed.gateway)
      throw new PaymentError(
        `对账单是${PAYMENT_METHODS[parsed.gateway]}的格式，与所选支付方式不符`,
        'method'
      )
    const staff = auth.use('admin').user as unknown as StaffActor | undefined
    const record = await importStatement({
      gateway: parsed.gateway,
      date,
      fileName: file.clientName,
      rows: parsed.rows,
      refunds: parsed.refunds,
      staff: staff ? reviewerOf(staff) : null,
    })
    return response.redirect().toRoute('admin.payments.books.imports.show', { id: record.id })
  }

  /** an import kept: its counts and every line compared */
  async showImport({ bouncer, params, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const found = await findStatementImport(params.id)
    if (!found) throw new NotFoundError('对账记录不存在')
    return view.render('payments/admin/books/statement', {
      ...found,
      methods: PAYMENT_METHODS,
      labels: MISMATCH_LABELS,
    })
  }
}
