import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { registerAuditActions } from '#core/audit/audit_service'
import { isRuleError } from '#core/rule_error'
import { isUniqueViolation } from '#core/db_errors'
import invoicesConfig from '#config/invoices'
import InvoiceIntent from '#invoices/models/invoice_intent'
import { InvoiceError } from '#invoices/errors'
import { findOwnTitle, type Owner } from '#invoices/actions/titles'
import { claimedOrderNos } from '#invoices/queries/invoices'
import { createInvoiceRequest, previewInvoiceRequest } from '#invoices/actions/invoices'

/**
 * 是否开票 in the payment form. 是: the chosen title (of the payer's book,
 * or of the org they act for) and kind are kept for the order; the invoice
 * request is made in the transaction that marks the payment paid (so a
 * paid order and its request commit together). 否: nothing is kept (a
 * choice made earlier is withdrawn). The payment never fails because of
 * the invoice: a request that cannot be made (the title deleted
 * meanwhile, the order already invoiced) is noted on the choice, and
 * 我的发票 still offers 申请开票.
 */
registerAuditActions({
  'invoices.intent.choose': '支付时选择开票',
  'invoices.intent.withdraw': '支付时取消开票',
  'invoices.intent.fail': '支付后开票申请未能提交',
})

export interface PaymentInvoiceChoice {
  wanted: boolean
  titleId?: string | null
  kind?: string | null
}

export async function invoiceChoiceOf(orderNo: string) {
  return InvoiceIntent.query().where('order_no', orderNo).first()
}

export async function choosePaymentInvoice(
  userId: string,
  owner: Owner,
  orderNo: string,
  choice: PaymentInvoiceChoice
) {
  const existing = await invoiceChoiceOf(orderNo)
  if (existing && existing.userId !== userId) throw new InvoiceError('订单不存在', 'invoice_wanted')
  if (existing?.invoiceId) return existing
  if (!choice.wanted) {
    if (existing) {
      await existing.delete()
      await audit.record({
        action: 'invoices.intent.withdraw',
        subjectType: 'invoice_intent',
        subjectId: existing.id,
        data: { orderNo },
      })
    }
    return null
  }
  const title = await findOwnTitle(owner, choice.titleId)
  if (!title) throw new InvoiceError('请选择发票抬头', 'invoice_title_id')
  if (!title.email)
    throw new InvoiceError('该发票抬头没有电子邮箱，请先编辑抬头填写邮箱', 'invoice_title_id')
  const kind = choice.kind === 'special' ? 'special' : 'normal'
  if (kind === 'special' && (!invoicesConfig.specialOffered || title.titleType !== 'company'))
    throw new InvoiceError('数电专票仅向单位抬头开具', 'invoice_kind')
  const claimed = await claimedOrderNos([orderNo])
  if (claimed.size) throw new InvoiceError('该订单已开票或正在开票', 'invoice_wanted')
  const intent = existing ?? new InvoiceIntent()
  intent.merge({
    orderNo,
    userId,
    ownerKind: owner.kind,
    ownerId: owner.id,
    titleId: title.id,
    kind,
    invoiceId: null,
    problem: null,
  })
  try {
    await intent.save()
  } catch (error) {
    if (isUniqueViolation(error)) return invoiceChoiceOf(orderNo)
    throw error
  }
  await audit.record({
    action: 'invoices.intent.choose',
    subjectType: 'invoice_intent',
    subjectId: intent.id,
    data: { orderNo, titleId: title.id, kind, owner: `${owner.kind}:${owner.id}` },
  })
  return intent
}

/**
 * The payment succeeded (payments' hook, inside its transaction, after
 * the orders module marked the order paid): the request, in a savepoint
 * so that a refusal leaves the payment untouched.
 */
export async function requestInvoiceOnPayment(
  event: { orderNo: string; userId: string },
  trx: TransactionClientContract
) {
  const intent = await InvoiceIntent.query({ client: trx })
    .where('order_no', event.orderNo)
    .where('user_id', event.userId)
    .whereNull('invoice_id')
    .first()
  if (!intent) return null
  const owner: Owner = { kind: intent.ownerKind, id: intent.ownerId }
  intent.useTransaction(trx)
  try {
    return await trx.transaction(async (savepoint) => {
      /* the payer's own order: of the org whose book was chosen, or personal */
      const scope = {
        userId: event.userId,
        orgId: owner.kind === 'org' ? owner.id : null,
        wholeOrg: false,
      }
      const preview = await previewInvoiceRequest(
        scope,
        owner,
        { orderType: 'ca', orderNos: [event.orderNo], titleId: intent.titleId, kind: intent.kind },
        savepoint
      )
      const invoice = await createInvoiceRequest(event.userId, owner, 'ca', preview, savepoint)
      intent.useTransaction(savepoint)
      intent.merge({ invoiceId: invoice.id, problem: null })
      await intent.save()
      return invoice
    })
  } catch (error) {
    const expected = isRuleError(error) || isUniqueViolation(error)
    if (!expected) logger.error({ err: error, orderNo: event.orderNo }, 'invoice at payment failed')
    intent.invoiceId = null
    intent.problem = (
      isRuleError(error) ? error.message : '开票申请未能自动提交，请在我的发票中申请'
    ).slice(0, 200)
    await audit.save(intent, trx, {
      action: 'invoices.intent.fail',
      subjectType: 'invoice_intent',
      data: { orderNo: event.orderNo, problem: intent.problem },
    })
    return null
  }
}
