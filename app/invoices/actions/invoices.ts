import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { nextId } from '#core/ids'
import { withLock } from '#core/locks'
import storage from '#core/storage'
import type { Reviewer } from '#core/staff'
import { isUniqueViolation } from '#core/db_errors'
import invoicesConfig from '#config/invoices'
import {
  paidOrderIn,
  paidOrdersIn,
  type InvoiceableOrder,
  type InvoiceOrderScope,
} from '#orders/queries/invoiceable'
import { signPdfAsOffice } from '#issuance/actions/pdf_signing'
import Invoice from '#invoices/models/invoice'
import InvoiceOrder from '#invoices/models/invoice_order'
import { invoiceLifecycle } from '#invoices/lifecycle'
import { InvoiceError } from '#invoices/errors'
import { findOwnTitle, type Owner } from '#invoices/actions/titles'
import { claimedOrderNos, ordersOfInvoice } from '#invoices/queries/invoices'
import { invoiceProvider } from '#invoices/providers/index'
import { InvoiceProviderError } from '#invoices/providers/contract'
import { renderInvoicePdf } from '#invoices/services/invoice_pdf'
import { taxOfInclusive } from '#invoices/services/tax'
import { ORDER_TYPES, type OrderType } from '#invoices/labels'
import { enqueueInvoiceMail, sendInvoiceMailNow } from '#invoices/actions/invoice_mail'
import { sharedInvoiceUrl } from '#invoices/links'

/**
 * 我的发票 and 发票管理: an applicant asks for an invoice over one or several
 * paid orders of one type; finance issues it through the provider (the PDF
 * rendered, signed by the office, stored, mailed to the title's email) or
 * rejects it with a reason; a refund of an invoiced order issues the
 * red-letter reversal. An order is invoiced once (unique order number in
 * invoice_orders); an invoice is issued once (the lifecycle, under a lock,
 * and the provider is idempotent on the request number).
 */

/**
 * the orders of a type still to invoice in the scope (a person's own
 * orders; acting for an org, the org's: all of them for its admins, a
 * member's own for a member)
 */
export async function invoiceableOrders(scope: InvoiceOrderScope, orderType: OrderType) {
  if (orderType !== 'ca') return [] as InvoiceableOrder[]
  const paid = await paidOrdersIn(scope)
  const claimed = await claimedOrderNos(paid.map((o) => o.orderNo))
  return paid.filter((o) => !claimed.has(o.orderNo))
}

export interface InvoiceRequestInput {
  orderType: OrderType
  orderNos: string[]
  titleId: string
  kind?: 'normal' | 'special'
}

/**
 * What a request would be (the confirmation page shows it; `requestInvoice`
 * checks it again inside its transaction). `client`: inside the payment's
 * transaction (是否开票 in the payment form).
 */
export async function previewInvoiceRequest(
  scope: InvoiceOrderScope,
  owner: Owner,
  input: InvoiceRequestInput,
  client?: QueryClientContract
) {
  if (!(input.orderType in ORDER_TYPES)) throw new InvoiceError('请选择订单类型', 'order_type')
  const title = await findOwnTitle(owner, input.titleId, client)
  if (!title) throw new InvoiceError('请选择发票抬头', 'title_id')
  if (!title.email)
    throw new InvoiceError('该发票抬头没有电子邮箱，请先编辑抬头填写邮箱', 'title_id')
  const kind = input.kind ?? 'normal'
  if (kind === 'special' && (!invoicesConfig.specialOffered || title.titleType !== 'company'))
    throw new InvoiceError('数电专票仅向单位抬头开具', 'kind')
  const orderNos = [...new Set(input.orderNos)]
  if (!orderNos.length) throw new InvoiceError('请勾选要开票的订单', 'order_nos')
  if (input.orderType !== 'ca') throw new InvoiceError('该类型暂无可开票的订单', 'order_nos')
  const claimed = await claimedOrderNos(orderNos, client)
  const orders: InvoiceableOrder[] = []
  for (const orderNo of orderNos) {
    const order = await paidOrderIn(scope, orderNo, client)
    if (!order) throw new InvoiceError(`订单 ${orderNo} 不存在或尚未支付`, 'order_nos')
    if (claimed.has(orderNo))
      throw new InvoiceError(`订单 ${orderNo} 已开票或正在开票，不能重复申请`, 'order_nos')
    orders.push(order)
  }
  const amountFen = orders.reduce((sum, o) => sum + o.amountFen, 0)
  return {
    title,
    kind,
    orders,
    amountFen,
    taxFen: taxOfInclusive(amountFen, invoicesConfig.taxRateBp),
    taxRateBp: invoicesConfig.taxRateBp,
  }
}

type InvoicePreview = Awaited<ReturnType<typeof previewInvoiceRequest>>

/** the request row, its orders and its audit entry, inside `trx` */
export async function createInvoiceRequest(
  userId: string,
  owner: Owner,
  orderType: OrderType,
  preview: InvoicePreview,
  trx: TransactionClientContract
) {
  const t = preview.title
  const invoice = new Invoice()
  invoice.useTransaction(trx)
  invoice.merge({
    requestNo: nextId(),
    userId,
    ownerKind: owner.kind,
    ownerId: owner.id,
    direction: 'blue',
    originalId: null,
    orderType,
    kind: preview.kind,
    title: {
      titleType: t.titleType,
      name: t.name,
      taxNumber: t.taxNumber,
      email: t.email,
      phone: t.phone,
      address: t.address,
      bank: t.bank,
      account: t.account,
    },
    email: t.email,
    amountFen: preview.amountFen,
    taxFen: preview.taxFen,
    taxRateBp: preview.taxRateBp,
    status: 'requested',
    token: randomBytes(32).toString('base64url'),
  })
  await invoice.save()
  for (const order of preview.orders) {
    await InvoiceOrder.create(
      {
        invoiceId: invoice.id,
        orderNo: order.orderNo,
        productName: order.productName.slice(0, 100),
        amountFen: order.amountFen,
      },
      { client: trx }
    )
  }
  await audit.record(
    {
      action: 'invoices.invoice.request',
      subjectType: 'invoice',
      subjectId: invoice.id,
      data: {
        requestNo: invoice.requestNo,
        orders: preview.orders.map((o) => o.orderNo),
        amountFen: preview.amountFen,
      },
    },
    trx
  )
  return invoice
}

export async function requestInvoice(
  scope: InvoiceOrderScope,
  owner: Owner,
  input: InvoiceRequestInput
) {
  const preview = await previewInvoiceRequest(scope, owner, input)
  try {
    return await db.transaction((trx) =>
      createInvoiceRequest(scope.userId, owner, input.orderType, preview, trx)
    )
  } catch (error) {
    if (isUniqueViolation(error))
      throw new InvoiceError('所选订单已开票或正在开票，不能重复申请', 'order_nos')
    throw error
  }
}

async function renderSigned(invoice: Invoice, original: Invoice | null, issuer: string) {
  const covered = await ordersOfInvoice(original?.id ?? invoice.id)
  const lines = covered.map((o) => {
    const amount = invoice.direction === 'red' ? -o.amountFen : o.amountFen
    return {
      name: `${invoicesConfig.itemCategory}${o.productName}`,
      amountFen: amount,
      taxFen: taxOfInclusive(amount, invoice.taxRateBp),
    }
  })
  const orderNos = covered.map((o) => o.orderNo)
  const seller = invoicesConfig.seller
  const pdf = await renderInvoicePdf({
    direction: invoice.direction,
    kind: invoice.kind,
    number: invoice.number!,
    issuedAt: invoice.issuedAt!.toJSDate(),
    originalNumber: original?.number ?? null,
    buyer: invoice.title,
    seller,
    lines,
    amountFen: invoice.amountFen,
    taxFen: invoice.taxFen,
    taxRateBp: invoice.taxRateBp,
    note: `订单号：${orderNos.join('、')}${original ? `；被红冲发票号码：${original.number}` : ''}`,
    qrText: sharedInvoiceUrl(invoice),
    sandbox: invoiceProvider().sandbox,
    issuer,
  })
  return signPdfAsOffice(pdf, {
    office: { name: seller.name, uscc: seller.taxNumber },
    reason: invoice.direction === 'red' ? '红字电子发票' : '电子发票',
    location: seller.location,
    reference: invoice.number,
  })
}

async function callProvider(invoice: Invoice, original: Invoice | null) {
  const covered = await ordersOfInvoice(original?.id ?? invoice.id)
  const lines = covered.map((o) => {
    const amount = invoice.direction === 'red' ? -o.amountFen : o.amountFen
    return {
      name: o.productName,
      amountFen: amount,
      taxFen: taxOfInclusive(amount, invoice.taxRateBp),
    }
  })
  try {
    return await invoiceProvider().issue({
      requestNo: invoice.requestNo,
      direction: invoice.direction,
      originalNumber: original?.number ?? null,
      kind: invoice.kind,
      buyer: invoice.title,
      seller: { name: invoicesConfig.seller.name, taxNumber: invoicesConfig.seller.taxNumber },
      lines,
      amountFen: invoice.amountFen,
      taxFen: invoice.taxFen,
      taxRateBp: invoice.taxRateBp,
    })
  } catch (error) {
    if (error instanceof InvoiceProviderError)
      throw new InvoiceError(error.message, { status: 502 })
    throw error
  }
}

/**
 * 开具 (finance): provider → number, PDF rendered and signed, stored, the
 * invoice issued (one transaction), then mailed to the title's email. A
 * second call finds it issued and refuses ("不能重复开具"). A crash after
 * the provider answered and before the commit leaves it requested: the
 * retry gets the same number from the provider (idempotent request number).
 */
export async function issueInvoice(invoiceId: string, reviewer: Reviewer, actor?: AuditActor) {
  const invoice = await withLock(`invoice:${invoiceId}`, async () => {
    const current = await Invoice.findOrFail(invoiceId)
    invoiceLifecycle.assert('issue', current.status)
    const result = await callProvider(current, null)
    current.number = result.number
    current.issuedAt = DateTime.fromJSDate(result.issuedAt)
    current.provider = invoiceProvider().name
    const pdf = await renderSigned(current, null, reviewer.displayName)
    const key = await storage.put(storage.makeKey(`invoices/${current.id}`, 'pdf'), pdf)
    await db.transaction(async (trx) => {
      current.pdfKey = key
      await invoiceLifecycle.apply(current, 'issue', trx, {
        data: { number: current.number, provider: current.provider, by: reviewer.id },
        actor,
      })
      await enqueueInvoiceMail(current.id, trx)
    })
    return current
  })
  await sendInvoiceMailNow(invoice)
  await invoice.refresh()
  return invoice
}

/** 驳回 (finance): the reason is shown in 开票历史; the orders may be invoiced again */
export async function rejectInvoice(invoiceId: string, reason: string, actor?: AuditActor) {
  return withLock(`invoice:${invoiceId}`, async () => {
    const invoice = await Invoice.findOrFail(invoiceId)
    invoiceLifecycle.assert('reject', invoice.status)
    await db.transaction(async (trx) => {
      invoice.rejectReason = reason.slice(0, 200)
      await InvoiceOrder.query({ client: trx }).where('invoice_id', invoice.id).delete()
      await invoiceLifecycle.apply(invoice, 'reject', trx, {
        data: { reason: invoice.rejectReason },
        actor,
      })
    })
    return invoice
  })
}

/**
 * A refund of an invoiced order: the invoice covering it is reversed by a
 * red-letter invoice (through the same provider), and the invoice's other
 * orders are released so they can be invoiced again. Nothing when the
 * order has no issued invoice (a pending request is rejected instead).
 * Idempotent: a second call finds the red-letter invoice made.
 */
export async function reverseInvoiceOfOrder(orderNo: string, reason: string, actor?: AuditActor) {
  const row = await InvoiceOrder.query().where('order_no', orderNo).first()
  if (!row) return null
  const original = await Invoice.find(row.invoiceId)
  if (!original) return null
  if (original.status === 'requested') {
    await rejectInvoice(original.id, `订单已退款：${reason}`.slice(0, 200), actor)
    return null
  }
  return withLock(`invoice:${original.id}`, async () => {
    const fresh = await Invoice.findOrFail(original.id)
    const existing = await Invoice.query().where('original_id', fresh.id).first()
    if (existing?.status === 'issued') return existing
    invoiceLifecycle.assert('reverse', fresh.status)
    const red =
      existing ??
      (await Invoice.create({
        requestNo: nextId(),
        userId: fresh.userId,
        ownerKind: fresh.ownerKind,
        ownerId: fresh.ownerId,
        direction: 'red',
        originalId: fresh.id,
        orderType: fresh.orderType,
        kind: fresh.kind,
        title: fresh.title,
        email: fresh.email,
        amountFen: -fresh.amountFen,
        taxFen: -fresh.taxFen,
        taxRateBp: fresh.taxRateBp,
        status: 'requested',
        token: randomBytes(32).toString('base64url'),
      }))
    const result = await callProvider(red, fresh)
    red.number = result.number
    red.issuedAt = DateTime.fromJSDate(result.issuedAt)
    red.provider = invoiceProvider().name
    const pdf = await renderSigned(red, fresh, '系统')
    const key = await storage.put(storage.makeKey(`invoices/${red.id}`, 'pdf'), pdf)
    await db.transaction(async (trx) => {
      red.pdfKey = key
      red.useTransaction(trx)
      await invoiceLifecycle.apply(red, 'issue', trx, {
        data: { number: red.number, red: true, original: fresh.number },
        actor,
      })
      await invoiceLifecycle.apply(fresh, 'reverse', trx, {
        data: { red: red.number, orderNo, reason },
        actor,
      })
      await InvoiceOrder.query({ client: trx })
        .where('invoice_id', fresh.id)
        .whereNot('order_no', orderNo)
        .delete()
      await enqueueInvoiceMail(red.id, trx)
    })
    await sendInvoiceMailNow(red)
    return red
  })
}

export async function invoicePdf(invoice: Invoice): Promise<Buffer | null> {
  if (!invoice.pdfKey) return null
  return storage.get(invoice.pdfKey)
}
