import type { HttpContext } from '@adonisjs/core/http'
import PaymentPolicy from '#payments/policies/payment_policy'
import paymentService, { PaymentError } from '#payments/payment_service'
import {
  findPayment,
  findVoucher,
  paymentAuditTrail,
  searchPayments,
  vouchersOfPayment,
} from '#payments/queries'
import { sendVoucher } from '#payments/controllers/payments_controller'
import gateways from '#payments/gateways'
import { PAYMENT_METHODS, PAYMENT_STATUSES, type PaymentStatus } from '#payments/states'
import { auditActionLabel } from '#core/audit/audit_service'
import { formatFen } from '#core/money'
import { findApplicant } from '#accounts/queries/users'

/**
 * 支付记录 (finance): search by order number, method, status and date; a
 * payment's detail with what the gateway said and its audit trail.
 */
export default class PaymentsRecordsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const qs = request.qs()
    const query = {
      order_no: String(qs.order_no ?? '')
        .trim()
        .slice(0, 64),
      method: String(qs.method ?? ''),
      status: String(qs.status ?? ''),
      from: /^\d{4}-\d{2}-\d{2}$/.test(String(qs.from ?? '')) ? String(qs.from) : '',
      to: /^\d{4}-\d{2}-\d{2}$/.test(String(qs.to ?? '')) ? String(qs.to) : '',
    }
    const list = await searchPayments(
      {
        orderNo: query.order_no,
        method: query.method,
        status: query.status,
        from: query.from,
        to: query.to,
      },
      Number(qs.page) || 1
    )
    return view.render('admin/payments/index', {
      list,
      query,
      methods: PAYMENT_METHODS,
      statuses: PAYMENT_STATUSES,
    })
  }

  async show({ bouncer, params, view, response }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const payment = await findPayment(params.id)
    if (!payment) return response.notFound()
    const trail = await paymentAuditTrail(payment.id)
    const driver = gateways.get(payment.method)
    return view.render('admin/payments/show', {
      payment,
      driver,
      vouchers: await vouchersOfPayment(payment.id),
      applicant: await findApplicant(payment.userId),
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
    const payment = await findPayment(params.id)
    if (!payment) return response.notFound()
    try {
      const outcome = await paymentService.refresh(payment)
      if (!outcome) session.flash('info', '该支付当前无需同步（或 5 秒内已同步过）')
      else if (outcome.kind === 'refused')
        session.flash('error', `网关结果未被接受：${outcome.message}`)
      else if (outcome.kind === 'applied')
        session.flash('success', `已同步：${PAYMENT_STATUSES[outcome.status]}`)
      else session.flash('info', `网关状态未变化：${PAYMENT_STATUSES[payment.status]}`)
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error
      session.flash('error', error.message)
    }
    return response.redirect(`/admin/payments/${payment.id}`)
  }

  /**
   * A voucher file, through this authorised route only.
   */
  async voucherFile({ bouncer, params, response }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const voucher = await findVoucher(params.id)
    if (!voucher) return response.notFound()
    return sendVoucher(response, voucher)
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
function describe(text: string | null): { summary: string; raw: string | null } {
  if (!text) return { summary: '', raw: null }
  let data: Record<string, any>
  try {
    data = JSON.parse(text)
  } catch {
    return { summary: '', raw: text }
  }
  const parts: string[] = []
  const label = (s: unknown) => PAYMENT_STATUSES[s as PaymentStatus] ?? String(s)
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
