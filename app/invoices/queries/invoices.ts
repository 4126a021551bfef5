import { isUuid } from '#core/ids'
import { formatTime, shanghaiDayEnd, shanghaiDayStart, dbTimestamp } from '#core/time'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import Invoice from '#invoices/models/invoice'
import InvoiceOrder from '#invoices/models/invoice_order'
import { invoiceLifecycle } from '#invoices/lifecycle'
import { DIRECTIONS, INVOICE_KINDS, TITLE_TYPES } from '#invoices/labels'
import type { Owner } from '#invoices/actions/titles'

/**
 * Reads of invoices: an owner's history (开票历史), one invoice and its
 * orders, the finance office's list, the link token.
 */
/**
 * An owner's invoices; `userId`: only those this person asked for (an
 * org's member sees the org's invoices they requested, its admins all).
 */
export async function invoicesOf(
  owner: Owner,
  filters: { orderNo?: string; title?: string; userId?: string | null } = {}
) {
  const query = Invoice.query()
    .where('owner_kind', owner.kind)
    .where('owner_id', owner.id)
    .orderBy('created_at', 'desc')
  if (filters.userId) query.where('user_id', filters.userId)
  if (filters.orderNo) {
    const no = filters.orderNo.replace(/\D/g, '')
    query.whereIn(
      'id',
      InvoiceOrder.query().select('invoice_id').where('order_no', 'like', `%${no}%`)
    )
  }
  if (filters.title) query.where('title', 'like', `%${filters.title.replace(/[%_"\\]/g, '')}%`)
  return query.limit(200)
}

/** one invoice of the book's owner (a member: one they asked for), or null (404) */
export async function findOwnInvoice(
  book: { owner: Owner; onlyUserId?: string | null },
  id: unknown
) {
  if (!isUuid(id)) return null
  const query = Invoice.query()
    .where('owner_kind', book.owner.kind)
    .where('owner_id', book.owner.id)
    .where('id', id)
  if (book.onlyUserId) query.where('user_id', book.onlyUserId)
  return query.first()
}

export async function findInvoice(id: unknown) {
  if (!isUuid(id)) return null
  return Invoice.find(id)
}

export async function findInvoiceByToken(token: unknown) {
  if (typeof token !== 'string' || token.length < 32) return null
  return Invoice.query().where('token', token).first()
}

export async function ordersOfInvoice(invoiceId: string) {
  return InvoiceOrder.query().where('invoice_id', invoiceId).orderBy('order_no', 'asc')
}

/**
 * What an invoice's page shows, for its owner and for finance alike: the
 * invoice, the orders it covers (a reversal: its original's) and the labels.
 */
export async function invoiceDetail(invoice: Invoice) {
  return {
    invoice,
    orders: await ordersOfInvoice(invoice.originalId ?? invoice.id),
    lifecycle: invoiceLifecycle,
    kinds: INVOICE_KINDS,
    titleTypes: TITLE_TYPES,
    directions: DIRECTIONS,
  }
}

/** order numbers already invoiced or waiting for an invoice */
export async function claimedOrderNos(
  orderNos: string[],
  client?: QueryClientContract
): Promise<Set<string>> {
  if (!orderNos.length) return new Set()
  const rows = await InvoiceOrder.query({ client }).whereIn('order_no', orderNos).select('order_no')
  return new Set(rows.map((r) => r.orderNo))
}

/** the invoice covering an order (requested or issued), if any */
export async function issuedInvoiceOfOrder(orderNo: string) {
  const row = await InvoiceOrder.query().where('order_no', orderNo).first()
  if (!row) return null
  return Invoice.query().where('id', row.invoiceId).first()
}

export async function pendingInvoiceCount(): Promise<number> {
  const row = await Invoice.query().where('status', 'requested').count('* as total').first()
  return Number(row?.$extras.total ?? 0)
}

export interface InvoiceFilters {
  status?: string
  direction?: string
  from?: string
  to?: string
  q?: string
}

export function invoiceQuery(filters: InvoiceFilters) {
  const query = Invoice.query()
  if (invoiceLifecycle.isState(filters.status)) query.where('status', filters.status)
  if (filters.direction === 'blue' || filters.direction === 'red')
    query.where('direction', filters.direction)
  const from = filters.from ? shanghaiDayStart(filters.from) : null
  const to = filters.to ? shanghaiDayEnd(filters.to) : null
  if (from) query.where('created_at', '>=', dbTimestamp(from, db.connection().dialect.name))
  if (to) query.where('created_at', '<=', dbTimestamp(to, db.connection().dialect.name))
  if (filters.q) {
    const q = filters.q.replace(/[%_"\\]/g, '')
    query.where((w) =>
      w
        .where('request_no', 'like', `%${q}%`)
        .orWhere('number', 'like', `%${q}%`)
        .orWhere('title', 'like', `%${q}%`)
    )
  }
  return query.orderBy('created_at', 'desc')
}

export async function searchInvoices(filters: InvoiceFilters, page = 1, perPage = 20) {
  return invoiceQuery(filters).paginate(page, perPage)
}

/** one CSV row per invoice (the finance books' export) */
export function invoiceCsvRow(invoice: Invoice) {
  return [
    invoice.requestNo,
    invoice.direction === 'red' ? '红字' : '蓝字',
    invoice.number ?? '',
    invoice.title.name,
    invoice.title.taxNumber ?? '',
    (invoice.amountFen / 100).toFixed(2),
    (invoice.taxFen / 100).toFixed(2),
    invoiceLifecycle.label(invoice.status),
    formatTime(invoice.createdAt),
    invoice.issuedAt ? formatTime(invoice.issuedAt) : '',
  ]
}
