import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { isNineteenDigitId, isUuid } from '#core/ids'
import { dbTimestamp, shanghaiDayEnd, shanghaiDayStart } from '#core/time'
import { auditTrail } from '#core/audit/queries'
import Payment from '#payments/models/payment'
import PaymentVoucher from '#payments/models/payment_voucher'
import Refund from '#payments/models/refund'
import gateways from '#payments/gateways'
import { isPaymentMethod, type PaymentMethod } from '#payments/labels'
import { paymentLifecycle, type PaymentStatus, type VoucherStatus } from '#payments/lifecycle'

/**
 * Reads of payments for the orders module (what an order has paid), the
 * applicant's pages and the finance pages.
 */

/**
 * Fills `refundedFen` (what refunds 已退款 gave back) of paid payments, so
 * that they show 已退款 or 部分退款 instead of 已支付.
 */
export async function withRefunds<T extends Payment | null>(payments: T[]): Promise<T[]> {
  const paid = payments.filter((p): p is NonNullable<T> & Payment => p?.status === 'paid')
  if (!paid.length) return payments
  const rows = await Refund.query()
    .whereIn(
      'payment_id',
      paid.map((p) => p.id)
    )
    .where('status', 'refunded')
    .select('payment_id', 'amount_fen')
  const sums = new Map<string, number>()
  for (const r of rows) sums.set(r.paymentId, (sums.get(r.paymentId) ?? 0) + Number(r.amountFen))
  for (const p of paid) p.refundedFen = sums.get(p.id) ?? 0
  return payments
}

async function oneWithRefunds(payment: Payment | null) {
  const [found] = await withRefunds([payment])
  return found
}

/** every attempt of an order, newest first */
export async function paymentsOfOrder(orderNo: string): Promise<Payment[]> {
  if (!isNineteenDigitId(orderNo)) return []
  return withRefunds(
    await Payment.query()
      .where('order_no', orderNo)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
  )
}

/** a payment of this applicant, or null (never another applicant's) */
export async function findPaymentForUser(id: unknown, userId: string): Promise<Payment | null> {
  if (!isUuid(id)) return null
  return oneWithRefunds(await Payment.query().where('id', id).where('user_id', userId).first())
}

/** the paid attempt of an order, if any */
export async function paidPaymentOfOrder(
  orderNo: string,
  trx?: TransactionClientContract
): Promise<Payment | null> {
  if (!isNineteenDigitId(orderNo)) return null
  return Payment.query(trx ? { client: trx } : {})
    .where('paid_order_no', orderNo)
    .first()
}

/** what the order has been paid, in fen (0 when unpaid) */
export async function paidAmountOfOrder(orderNo: string): Promise<number> {
  const paid = await paidPaymentOfOrder(orderNo)
  return paid ? paid.amountFen : 0
}

export async function isOrderPaid(orderNo: string): Promise<boolean> {
  return (await paidPaymentOfOrder(orderNo)) !== null
}

export interface OrderPaymentSummary {
  /** unpaid (no attempt or none open) | pending | submitted | rejected | paid */
  status: 'unpaid' | 'pending' | 'submitted' | 'rejected' | 'paid'
  /** 待支付 / 待财务确认 / 凭证已退回 / 已支付 */
  label: string
  /** the attempt the status comes from (link /payments/:id), null when unpaid */
  paymentId: string | null
  method: PaymentMethod | null
  paidAt: DateTime | null
}

const SUMMARY_RANK: Partial<Record<PaymentStatus, number>> = {
  paid: 4,
  submitted: 3,
  rejected: 2,
  pending: 1,
}

/**
 * The 支付状态 column of order lists: one summary per order number.
 */
export async function paymentSummaries(
  orderNos: string[]
): Promise<Record<string, OrderPaymentSummary>> {
  const numbers = [...new Set(orderNos.filter((n) => isNineteenDigitId(n)))]
  const summaries: Record<string, OrderPaymentSummary> = {}
  for (const n of numbers)
    summaries[n] = {
      status: 'unpaid',
      label: '待支付',
      paymentId: null,
      method: null,
      paidAt: null,
    }
  if (!numbers.length) return summaries
  const rows = await Payment.query()
    .whereIn('order_no', numbers)
    .whereIn('status', ['paid', 'submitted', 'rejected', 'pending'])
    .orderBy('created_at', 'desc')
  for (const p of rows) {
    const current = summaries[p.orderNo]
    const rank = SUMMARY_RANK[p.status] ?? 0
    const currentRank = current.status === 'unpaid' ? 0 : (SUMMARY_RANK[current.status] ?? 0)
    if (rank > currentRank) {
      summaries[p.orderNo] = {
        status: p.status as OrderPaymentSummary['status'],
        label: paymentLifecycle.label(p.status),
        paymentId: p.id,
        method: p.method,
        paidAt: p.paidAt,
      }
    }
  }
  return summaries
}

export async function paymentSummary(orderNo: string): Promise<OrderPaymentSummary> {
  const summaries = await paymentSummaries([orderNo])
  return (
    summaries[orderNo] ?? {
      status: 'unpaid',
      label: '待支付',
      paymentId: null,
      method: null,
      paidAt: null,
    }
  )
}

/**
 * The methods an applicant may choose now (for payments/method_choice.edge).
 */
export function availablePaymentMethods() {
  return gateways.available().map((d) => ({
    value: d.method,
    label: d.sandbox ? `${d.label}（沙箱）` : d.label,
    help:
      d.method === 'bank_transfer'
        ? '向本中心对公账户汇款后上传汇款凭证，财务确认到账后即为已支付'
        : d.method === 'sandbox'
          ? '测试用：打开沙箱收银台模拟支付成功或失败，不会真实扣款'
          : `使用${d.label}扫码付款，实时到账`,
    sandbox: d.sandbox,
  }))
}

/* ---------- back office ---------- */

export interface PaymentFilters {
  orderNo?: string
  method?: string
  status?: string
  from?: string
  to?: string
}

export async function searchPayments(filters: PaymentFilters, page = 1, perPage = 20) {
  const query = Payment.query()
  const text = (filters.orderNo ?? '').trim()
  if (text) {
    if (/^\d{1,32}$/.test(text)) {
      query.where((q) => q.where('order_no', text).orWhere('out_trade_no', text))
    } else {
      query.where('transaction_id', text.slice(0, 64))
    }
  }
  if (isPaymentMethod(filters.method)) query.where('method', filters.method)
  if (paymentLifecycle.isState(filters.status)) query.where('status', filters.status)
  const from = filters.from ? shanghaiDayStart(filters.from) : null
  const to = filters.to ? shanghaiDayEnd(filters.to) : null
  const dialect = db.connection().dialect.name
  if (from) query.where('created_at', '>=', dbTimestamp(from, dialect))
  if (to) query.where('created_at', '<=', dbTimestamp(to, dialect))
  const list = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .paginate(Math.max(1, page), perPage)
  await withRefunds(list.all())
  return list
}

export async function findPayment(id: unknown): Promise<Payment | null> {
  if (!isUuid(id)) return null
  return oneWithRefunds(await Payment.find(id))
}

export async function vouchersOfPayment(paymentId: string): Promise<PaymentVoucher[]> {
  return PaymentVoucher.query()
    .where('payment_id', paymentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
}

export async function findVoucher(id: unknown): Promise<PaymentVoucher | null> {
  if (!isUuid(id)) return null
  return PaymentVoucher.find(id)
}

/** a voucher of this applicant's payment, or null */
export async function findVoucherForUser(paymentId: unknown, voucherId: unknown, userId: string) {
  if (!isUuid(paymentId) || !isUuid(voucherId)) return null
  return PaymentVoucher.query()
    .where('id', voucherId)
    .where('payment_id', paymentId)
    .where('user_id', userId)
    .first()
}

/**
 * 汇款凭证确认: vouchers by status, with their payment.
 */
export async function transferQueue(status: VoucherStatus, page = 1, perPage = 20) {
  const vouchers = await PaymentVoucher.query()
    .where('status', status)
    .orderBy('created_at', status === 'submitted' ? 'asc' : 'desc')
    .orderBy('id', 'asc')
    .paginate(Math.max(1, page), perPage)
  const ids = vouchers.all().map((v) => v.paymentId)
  const payments = ids.length ? await Payment.query().whereIn('id', ids) : []
  const byId = new Map(payments.map((p) => [p.id, p]))
  return { vouchers, paymentOf: (v: PaymentVoucher) => byId.get(v.paymentId) ?? null }
}

export async function pendingTransferCount(): Promise<number> {
  const row = await PaymentVoucher.query().where('status', 'submitted').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

/**
 * The audit entries about a payment, oldest first (read through core's
 * audit queries).
 */
export async function paymentAuditTrail(paymentId: string) {
  return auditTrail({ subjectType: 'payment', subjectId: paymentId })
}
