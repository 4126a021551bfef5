import db from '@adonisjs/lucid/services/db'
import { dbTimestamp, formatTime, shanghaiDayEnd, shanghaiDayStart } from '#core/time'
import Payment, { REFUND_STATES } from '#payments/models/payment'
import { withRefunds } from '#payments/queries/payments'
import Refund from '#payments/models/refund'
import { PAYMENT_METHODS, isPaymentMethod, type PaymentMethod } from '#payments/labels'
import { paymentLifecycle } from '#payments/lifecycle'
import { refundLifecycle } from '#payments/refund_lifecycle'
import { bookHooks } from './hooks.js'
import type { StatementRefundRow, StatementRow } from './statement.js'

/**
 * The finance office's books: payments and refunds with filters (date,
 * platform, gateway, status) and their CSV, the daily reconciliation per
 * platform and gateway (paid, refunded, net, invoiced), and a gateway
 * statement checked against our payments.
 */
export interface BookFilters {
  from?: string
  to?: string
  platform?: string
  method?: string
  status?: string
}

function range(query: any, column: string, filters: BookFilters) {
  const dialect = db.connection().dialect.name
  const from = filters.from ? shanghaiDayStart(filters.from) : null
  const to = filters.to ? shanghaiDayEnd(filters.to) : null
  if (from) query.where(column, '>=', dbTimestamp(from, dialect))
  if (to) query.where(column, '<=', dbTimestamp(to, dialect))
}

async function withPlatforms<T extends { orderNo: string }>(rows: T[], platform?: string) {
  const platforms = await bookHooks.platforms([...new Set(rows.map((r) => r.orderNo))])
  const out = rows.map((row) => ({ row, platform: platforms.get(row.orderNo) ?? null }))
  return platform ? out.filter((r) => r.platform?.id === platform) : out
}

/**
 * Payments; a paid one shows 已退款/部分退款 once refunds gave money back,
 * and those two are statuses of the filter too (`refunded`,
 * `partially_refunded`; 已支付 then means paid and nothing refunded).
 */
export async function paymentBook(filters: BookFilters, limit = 5000) {
  const query = Payment.query().orderBy('created_at', 'desc').limit(limit)
  if (isPaymentMethod(filters.method)) query.where('method', filters.method)
  const refundState = filters.status && filters.status in REFUND_STATES ? filters.status : null
  if (refundState) query.where('status', 'paid')
  else if (paymentLifecycle.isState(filters.status)) query.where('status', filters.status)
  range(query, 'created_at', filters)
  const rows = await withRefunds(await query)
  const shown =
    refundState || filters.status === 'paid'
      ? rows.filter((p) => p.refundState === refundState)
      : rows
  return withPlatforms(shown, filters.platform)
}

/** the status filter of the payment book */
export function paymentBookStatuses(): Record<string, string> {
  return {
    ...paymentLifecycle.labels(),
    refunded: REFUND_STATES.refunded.label,
    partially_refunded: REFUND_STATES.partially_refunded.label,
  }
}

export async function refundBook(filters: BookFilters, limit = 5000) {
  const query = Refund.query().orderBy('created_at', 'desc').limit(limit)
  if (isPaymentMethod(filters.method)) query.where('method', filters.method)
  if (refundLifecycle.isState(filters.status)) query.where('status', filters.status)
  range(query, 'created_at', filters)
  return withPlatforms(await query, filters.platform)
}

function csvCell(value: string) {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function toCsv(header: string[], rows: string[][]) {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export function paymentCsv(rows: Awaited<ReturnType<typeof paymentBook>>) {
  return toCsv(
    [
      '创建时间',
      '订单编号',
      '支付单号',
      '交易平台',
      '支付方式',
      '金额',
      '状态',
      '支付时间',
      '交易流水号',
    ],
    rows.map(({ row, platform }) => [
      formatTime(row.createdAt),
      row.orderNo,
      row.outTradeNo,
      platform?.name ?? '',
      PAYMENT_METHODS[row.method],
      (row.amountFen / 100).toFixed(2),
      row.statusLabel,
      row.paidAt ? formatTime(row.paidAt) : '',
      row.transactionId ?? '',
    ])
  )
}

export function refundCsv(rows: Awaited<ReturnType<typeof refundBook>>) {
  return toCsv(
    [
      '申请时间',
      '退款单号',
      '订单编号',
      '交易平台',
      '退款方式',
      '金额',
      '状态',
      '退款时间',
      '原因',
    ],
    rows.map(({ row, platform }) => [
      formatTime(row.createdAt),
      row.refundNo,
      row.orderNo,
      platform?.name ?? '',
      PAYMENT_METHODS[row.method],
      (row.amountFen / 100).toFixed(2),
      refundLifecycle.label(row.status),
      row.refundedAt ? formatTime(row.refundedAt) : '',
      row.reason,
    ])
  )
}

export interface ReconciliationRow {
  platform: string
  method: PaymentMethod
  paidCount: number
  paidFen: number
  refundedFen: number
  netFen: number
  invoicedFen: number
}

/**
 * 日对账: one day (Asia/Shanghai), per platform and gateway: money in
 * (payments paid that day), money out (refunds refunded that day), net,
 * and the invoiced amount of that day's paid orders.
 */
export async function dailyReconciliation(date: string): Promise<ReconciliationRow[]> {
  const filters = { from: date, to: date }
  const paidQuery = Payment.query().whereIn('status', ['paid', 'refund_due'])
  range(paidQuery, 'paid_at', filters)
  const refundQuery = Refund.query().where('status', 'refunded')
  range(refundQuery, 'refunded_at', filters)
  const [paid, refunded] = await Promise.all([paidQuery, refundQuery])
  const orderNos = [...new Set([...paid, ...refunded].map((r) => r.orderNo))]
  const [platforms, invoiced] = await Promise.all([
    bookHooks.platforms(orderNos),
    bookHooks.invoiced(paid.map((p) => p.orderNo)),
  ])
  const rows = new Map<string, ReconciliationRow>()
  const row = (orderNo: string, method: PaymentMethod) => {
    const platform = platforms.get(orderNo)?.name ?? '—'
    const key = `${platform}\u0000${method}`
    if (!rows.has(key))
      rows.set(key, {
        platform,
        method,
        paidCount: 0,
        paidFen: 0,
        refundedFen: 0,
        netFen: 0,
        invoicedFen: 0,
      })
    return rows.get(key)!
  }
  for (const p of paid) {
    const r = row(p.orderNo, p.method)
    r.paidCount++
    r.paidFen += p.amountFen
    r.invoicedFen += invoiced.get(p.orderNo) ?? 0
  }
  for (const refund of refunded) row(refund.orderNo, refund.method).refundedFen += refund.amountFen
  for (const r of rows.values()) r.netFen = r.paidFen - r.refundedFen
  return [...rows.values()].sort(
    (a, b) => a.platform.localeCompare(b.platform) || a.method.localeCompare(b.method)
  )
}

export type MismatchKind = 'missing_there' | 'amount_differs' | 'missing_here'
export type StatementLineKind = 'payment' | 'refund'

/** a payment or refund of the statement, of ours, or of both, and what the comparison found */
export interface ReconciledLine {
  line: StatementLineKind
  result: 'matched' | MismatchKind
  outTradeNo: string
  refundNo: string | null
  orderNo: string | null
  ours: number | null
  theirs: number | null
}

export const MISMATCH_LABELS: Record<StatementLineKind, Record<MismatchKind, string>> = {
  payment: {
    missing_there: '本系统已支付，对账单中没有',
    amount_differs: '金额不一致',
    missing_here: '对账单中有，本系统没有已支付记录',
  },
  refund: {
    missing_there: '本系统已退款，对账单中没有',
    amount_differs: '退款金额不一致',
    missing_here: '对账单中有退款，本系统没有已退款记录',
  },
}

interface Side {
  key: string
  outTradeNo: string
  refundNo: string | null
  orderNo: string | null
  amountFen: number
}

/** ours against theirs by key: matched, amount differs, ours only, theirs only */
function compare(line: StatementLineKind, ours: Side[], theirs: Side[]): ReconciledLine[] {
  const byKey = new Map(theirs.map((t) => [t.key, t]))
  const seen = new Set<string>()
  const out: ReconciledLine[] = []
  for (const o of ours) {
    seen.add(o.key)
    const t = byKey.get(o.key)
    out.push({
      line,
      result: !t ? 'missing_there' : t.amountFen === o.amountFen ? 'matched' : 'amount_differs',
      outTradeNo: o.outTradeNo,
      refundNo: o.refundNo,
      orderNo: o.orderNo,
      ours: o.amountFen,
      theirs: t?.amountFen ?? null,
    })
  }
  for (const t of theirs) {
    if (seen.has(t.key)) continue
    seen.add(t.key)
    out.push({ line, result: 'missing_here', ...t, ours: null, theirs: t.amountFen })
  }
  return out
}

/**
 * A gateway's statement for a day against our payments paid and our
 * refunds refunded through that gateway that day: paid (refunded) here
 * not there, amount differs, there not here. Refunds are matched by our
 * refund number (out_refund_no), or by the payment's out_trade_no when
 * the statement does not carry it.
 */
export async function reconcileStatement(
  method: PaymentMethod,
  date: string,
  rows: StatementRow[],
  refunds: StatementRefundRow[] = []
) {
  const day = { from: date, to: date }
  const paidQuery = Payment.query()
    .where('method', method)
    .whereIn('status', ['paid', 'refund_due'])
  range(paidQuery, 'paid_at', day)
  const refundQuery = Refund.query().where('method', method).where('status', 'refunded')
  range(refundQuery, 'refunded_at', day)
  const [ours, ourRefunds] = await Promise.all([paidQuery, refundQuery])
  const refundPayments = ourRefunds.length
    ? await Payment.query().whereIn(
        'id',
        ourRefunds.map((r) => r.paymentId)
      )
    : []
  const tradeOf = new Map(refundPayments.map((p) => [p.id, p.outTradeNo]))
  const theirTrades = [...rows, ...refunds].map((r) => r.outTradeNo)
  const known = theirTrades.length
    ? await Payment.query().whereIn('out_trade_no', [...new Set(theirTrades)])
    : []
  const orderOf = new Map(known.map((p) => [p.outTradeNo, p.orderNo]))
  /* a statement refund without our number: the one refund of ours on that payment */
  const refundNoOfTrade = new Map<string, string>()
  for (const r of ourRefunds) {
    const trade = tradeOf.get(r.paymentId) ?? ''
    refundNoOfTrade.set(trade, refundNoOfTrade.has(trade) ? '' : r.refundNo)
  }

  const lines = [
    ...compare(
      'payment',
      ours.map((p) => ({
        key: p.outTradeNo,
        outTradeNo: p.outTradeNo,
        refundNo: null,
        orderNo: p.orderNo,
        amountFen: p.amountFen,
      })),
      rows.map((r) => ({
        key: r.outTradeNo,
        outTradeNo: r.outTradeNo,
        refundNo: null,
        orderNo: orderOf.get(r.outTradeNo) ?? null,
        amountFen: r.amountFen,
      }))
    ),
    ...compare(
      'refund',
      ourRefunds.map((r) => ({
        key: r.refundNo,
        outTradeNo: tradeOf.get(r.paymentId) ?? '',
        refundNo: r.refundNo,
        orderNo: r.orderNo,
        amountFen: r.amountFen,
      })),
      refunds.map((r) => {
        const refundNo = r.refundNo || refundNoOfTrade.get(r.outTradeNo) || null
        return {
          key: refundNo ?? `trade:${r.outTradeNo}`,
          outTradeNo: r.outTradeNo,
          refundNo,
          orderNo: orderOf.get(r.outTradeNo) ?? null,
          amountFen: r.amountFen,
        }
      })
    ),
  ]
  const mismatches = lines.filter((l) => l.result !== 'matched')
  return {
    lines,
    mismatches,
    matched: lines.length - mismatches.length,
    statementCount: rows.length,
    statementRefundCount: refunds.length,
    ourCount: ours.length,
    ourRefundCount: ourRefunds.length,
  }
}
