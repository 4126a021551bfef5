import type { HttpContext } from '@adonisjs/core/http'
import { auditActionLabel } from '#core/audit/audit_service'
import { formatFen } from '#core/money'
import { sendPrivateFile } from '#core/http/private_file'
import { NotFoundError } from '#core/rule_error'
import { paymentHooks } from '#payments/hooks'
import PaymentPolicy from '#payments/policies/payment_policy'
import { financeListFilters } from '#payments/controllers/admin/list_filters'
import { refreshPayment } from '#payments/actions/gateway_results'
import {
  findPayment,
  findVoucher,
  paymentAuditTrail,
  searchPayments,
  vouchersOfPayment,
} from '#payments/queries/payments'
import gateways from '#payments/gateways'
import { PAYMENT_METHODS } from '#payments/labels'
import { paymentLifecycle } from '#payments/lifecycle'

/**
 * 支付记录 (finance): search by order number, method, status and date; a
 * payment's detail with what the gateway said and its audit trail.
 */
export default class RecordsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const { query, filters, page } = financeListFilters(request.qs(), 64)
    const list = await searchPayments(filters, page)
    return view.render('payments/admin/index', {
      list,
      query,
      methods: PAYMENT_METHODS,
      statuses: paymentLifecycle.labels(),
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const payment = await this.#payment(params.id)
    const trail = await paymentAuditTrail(payment.id)
    const driver = gateways.get(payment.method)
    return view.render('payments/admin/show', {
      payment,
      driver,
      vouchers: await vouchersOfPayment(payment.id),
      applicant: await paymentHooks.payer(payment.userId),
      trail: trail.map((entry) => ({
        entry,
        label: auditActionLabel(entry.action),
        ...describe(entry.data),
      })),
      gatewayData: payment.gatewayData ? JSON.stringify(payment.gatewayData, null, 2) : null,
      canSync: Boolean(driver.query) && payment.status === 'pending' && driver.isConfigured(),
    })
  }

  /**
   * 同步支付状态: ask the gateway (a customer says they paid, the
   * notification never came).
   */
  async sync({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('sync')
    const payment = await this.#payment(params.id)
    const outcome = await refreshPayment(payment)
    if (!outcome) session.flash('info', '该支付当前无需同步（或 5 秒内已同步过）')
    else if (outcome.kind === 'refused')
      session.flash('error', `网关结果未被接受：${outcome.message}`)
    else if (outcome.kind === 'applied')
      session.flash('success', `已同步：${paymentLifecycle.label(outcome.status)}`)
    else session.flash('info', `网关状态未变化：${paymentLifecycle.label(payment.status)}`)
    return response.redirect().toRoute('admin.payments.show', { id: payment.id })
  }

  /**
   * A voucher file, through this authorised route only.
   */
  async voucherFile(ctx: HttpContext) {
    await ctx.bouncer.with(PaymentPolicy).authorize('view')
    const voucher = await findVoucher(ctx.params.id)
    if (!voucher) throw new NotFoundError()
    return sendPrivateFile(ctx, voucher.privateFile)
  }

  async #payment(id: unknown) {
    const payment = await findPayment(id)
    if (!payment) throw new NotFoundError()
    return payment
  }
}

const REFUSALS: Record<string, string> = {
  amount_mismatch: '金额不符',
  unknown_payment: '支付记录不存在',
  method_mismatch: '支付方式不符',
}

/**
 * One line of the audit trail in words (status change, amounts, reasons),
 * with the raw data kept for the curious.
 */
function describe(raw: string | null): { summary: string; raw: string | null } {
  if (!raw) return { summary: '', raw: null }
  let data: Record<string, any>
  try {
    data = JSON.parse(raw)
  } catch {
    return { summary: '', raw }
  }
  const parts: string[] = []
  const label = (s: unknown) => paymentLifecycle.label(String(s))
  if (data.from && data.to) parts.push(`${label(data.from)} → ${label(data.to)}`)
  if (typeof data.amountFen === 'number') parts.push(`金额 ${formatFen(data.amountFen)}`)
  if (typeof data.reportedAmountFen === 'number') {
    parts.push(
      `通知金额 ${formatFen(data.reportedAmountFen)}，应付 ${formatFen(data.expectedAmountFen ?? 0)}`
    )
  }
  if (data.reason) parts.push(`原因：${REFUSALS[data.reason] ?? data.reason}`)
  if (data.transactionId) parts.push(`流水号 ${data.transactionId}`)
  if (data.payerName) parts.push(`付款人 ${data.payerName}`)
  if (data.source === 'query') parts.push('（主动查询）')
  return { summary: parts.join('；'), raw: JSON.stringify(data, null, 2) }
}
