import type { HttpContext } from '@adonisjs/core/http'
import { oneOf, page } from '#core/http/list_filters'
import { NotFoundError } from '#core/rule_error'
import { reviewerOf, type StaffActor } from '#core/staff'
import { paymentHooks } from '#payments/hooks'
import PaymentPolicy from '#payments/policies/payment_policy'
import { confirmTransfer, rejectTransfer } from '#payments/actions/transfers'
import {
  findPayment,
  findVoucher,
  transferQueue,
  vouchersOfPayment,
} from '#payments/queries/payments'
import { voucherLifecycle } from '#payments/lifecycle'
import { confirmTransferValidator, rejectTransferValidator } from '#payments/validators'

/**
 * 汇款凭证确认 (finance): vouchers waiting for a bank-statement check;
 * confirm (the order is paid) or return with a reason.
 */
export default class TransfersController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const status = oneOf(request.input('status'), voucherLifecycle.stateKeys) ?? 'submitted'
    const { vouchers, paymentOf } = await transferQueue(status, page(request.input('page')))
    return view.render('payments/admin/transfers', {
      vouchers,
      rows: vouchers.all().map((voucher) => ({ voucher, payment: paymentOf(voucher) })),
      status,
      statuses: voucherLifecycle.labels(),
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const voucher = await this.#voucher(params.id)
    const payment = await findPayment(voucher.paymentId)
    if (!payment) throw new NotFoundError()
    const vouchers = await vouchersOfPayment(payment.id)
    return view.render('payments/admin/transfer', {
      voucher,
      payment,
      applicant: await paymentHooks.payer(payment.userId),
      history: vouchers.filter((v) => v.id !== voucher.id),
      canReview: voucher.status === 'submitted' && payment.status === 'submitted',
    })
  }

  async confirm({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('review')
    const voucher = await this.#voucher(params.id)
    const payload = await request.validateUsing(confirmTransferValidator)
    const result = await confirmTransfer(voucher.id, reviewerOf(this.#staff(auth)), {
      bankReference: payload.bankReference ?? null,
    })
    session.flash(
      result.status === 'paid' ? 'success' : 'warning',
      result.status === 'paid'
        ? `已确认到账，订单 ${result.payment.orderNo} 已支付`
        : `订单 ${result.payment.orderNo} 不能接受本笔汇款（${result.payment.failureReason}），已记为“已收款·待退款”，请安排退款`
    )
    return response.redirect().toRoute('admin.payments.transfers.index')
  }

  async reject({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('review')
    const voucher = await this.#voucher(params.id)
    const payload = await request.validateUsing(rejectTransferValidator)
    const result = await rejectTransfer(voucher.id, reviewerOf(this.#staff(auth)), payload.reason)
    session.flash('success', `已退回订单 ${result.payment.orderNo} 的汇款凭证，申请人将收到通知`)
    return response.redirect().toRoute('admin.payments.transfers.index')
  }

  async #voucher(id: unknown) {
    const voucher = await findVoucher(id)
    if (!voucher) throw new NotFoundError()
    return voucher
  }

  #staff(auth: HttpContext['auth']) {
    return auth.use('admin').user as unknown as StaffActor
  }
}
