import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { inspectUpload } from '#core/uploads'
import { sendPrivateFile } from '#core/http/private_file'
import { reviewerOf, type StaffActor } from '#core/staff'
import paymentsConfig from '#config/payments'
import PaymentPolicy from '#payments/policies/payment_policy'
import { financeListFilters } from '#payments/controllers/admin/list_filters'
import {
  approveRefund,
  recordBankRefund,
  refundQuote,
  rejectRefund,
  resumeRefund,
} from '#payments/actions/refunds'
import { findRefund, searchRefunds } from '#payments/queries/refunds'
import { refundLifecycle } from '#payments/refund_lifecycle'
import { PAYMENT_METHODS } from '#payments/labels'
import { bankRefundValidator, refundRejectValidator } from '#payments/refund_validators'
import { PaymentError } from '#payments/errors'

/**
 * 退款管理 (finance): the refund requests with filters; approve (through the
 * gateway), reject with a reason, 登记退款转账 with its voucher (bank
 * transfers), 重新发起 a refund left in processing or failed.
 */
export default class AdminRefundsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const { query, filters, page } = financeListFilters(request.qs(), 19)
    const list = await searchRefunds(filters, page)
    return view.render('payments/admin/refunds/index', {
      list,
      query,
      methods: PAYMENT_METHODS,
      statuses: refundLifecycle.labels(),
      lifecycle: refundLifecycle,
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const refund = await findRefund(params.id)
    if (!refund) throw new NotFoundError('退款申请不存在')
    return view.render('payments/admin/refunds/show', {
      refund,
      quote: await refundQuote(refund.orderNo, null),
      lifecycle: refundLifecycle,
      methods: PAYMENT_METHODS,
      voucherRule: paymentsConfig.voucher,
    })
  }

  async approve({ auth, bouncer, params, response, session }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('review')
    const refund = await findRefund(params.id)
    if (!refund) throw new NotFoundError('退款申请不存在')
    const result = await approveRefund(refund.id, reviewerOf(this.#staff(auth)))
    session.flash(
      'success',
      result.status === 'refunded'
        ? '已原路退款'
        : refund.method === 'bank_transfer'
          ? '已审核通过，请完成退款转账后登记转账凭证'
          : `已审核通过，退款状态：${refundLifecycle.label(result.status)}`
    )
    return response.redirect().toRoute('admin.payments.refunds.show', { id: refund.id })
  }

  async resume({ bouncer, params, response, session }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('review')
    const refund = await findRefund(params.id)
    if (!refund) throw new NotFoundError('退款申请不存在')
    const result = await resumeRefund(refund.id)
    session.flash('success', `退款状态：${refundLifecycle.label(result.status)}`)
    return response.redirect().toRoute('admin.payments.refunds.show', { id: refund.id })
  }

  async reject({ auth, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('review')
    const refund = await findRefund(params.id)
    if (!refund) throw new NotFoundError('退款申请不存在')
    const payload = await request.validateUsing(refundRejectValidator)
    await rejectRefund(refund.id, reviewerOf(this.#staff(auth)), payload.reject_reason)
    session.flash('success', '已驳回退费申请')
    return response.redirect().toRoute('admin.payments.refunds.show', { id: refund.id })
  }

  async bank({ auth, bouncer, params, request, response, session }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('review')
    const refund = await findRefund(params.id)
    if (!refund) throw new NotFoundError('退款申请不存在')
    const payload = await request.validateUsing(bankRefundValidator)
    const file = await inspectUpload(request.file('voucher'), paymentsConfig.voucher)
    if (!file.ok) throw new PaymentError(file.message, 'voucher')
    await recordBankRefund(refund.id, reviewerOf(this.#staff(auth)), {
      file: { buffer: file.buffer, type: file.type },
      bankReference: payload.bank_reference,
    })
    session.flash('success', '已登记退款转账，订单已退款')
    return response.redirect().toRoute('admin.payments.refunds.show', { id: refund.id })
  }

  async voucher(ctx: HttpContext) {
    await ctx.bouncer.with(PaymentPolicy).authorize('view')
    const refund = await findRefund(ctx.params.id)
    if (!refund?.voucherKey) throw new NotFoundError('凭证不存在')
    const type = refund.voucherKey.split('.').pop()
    return sendPrivateFile(ctx, {
      key: refund.voucherKey,
      name: `退款凭证-${refund.refundNo}.${type}`,
      type,
    })
  }

  #staff(auth: HttpContext['auth']) {
    return auth.use('admin').user as unknown as StaffActor
  }
}
