import type { HttpContext } from '@adonisjs/core/http'
import PaymentPolicy from '#payments/policies/payment_policy'
import paymentService, { PaymentError } from '#payments/payment_service'
import { findPayment, findVoucher, transferQueue, vouchersOfPayment } from '#payments/queries'
import { VOUCHER_STATUSES, type VoucherStatus } from '#payments/states'
import { ChineseMessagesProvider } from '#core/validation/messages'
import {
  confirmTransferMessages,
  confirmTransferValidator,
  rejectTransferMessages,
  rejectTransferValidator,
} from '#payments/validators'
import type Staff from '#admin/models/staff'
import { findApplicant } from '#accounts/queries/users'

/**
 * 汇款凭证确认 (finance): vouchers waiting for a bank-statement check;
 * confirm (the order is paid) or return with a reason.
 */
export default class PaymentsTransfersController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const status = (
      String(request.input('status', 'submitted')) in VOUCHER_STATUSES
        ? request.input('status', 'submitted')
        : 'submitted'
    ) as VoucherStatus
    const { vouchers, paymentOf } = await transferQueue(status, Number(request.input('page')) || 1)
    return view.render('admin/payments/transfers', {
      vouchers,
      rows: vouchers.all().map((voucher) => ({ voucher, payment: paymentOf(voucher) })),
      status,
      statuses: VOUCHER_STATUSES,
    })
  }

  async show({ bouncer, params, view, response }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('view')
    const voucher = await findVoucher(params.id)
    if (!voucher) return response.notFound()
    const payment = await findPayment(voucher.paymentId)
    if (!payment) return response.notFound()
    const vouchers = await vouchersOfPayment(payment.id)
    return view.render('admin/payments/transfer', {
      voucher,
      payment,
      applicant: await findApplicant(payment.userId),
      history: vouchers.filter((v) => v.id !== voucher.id),
      canReview: voucher.status === 'submitted' && payment.status === 'submitted',
    })
  }

  async confirm({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('review')
    const voucher = await findVoucher(params.id)
    if (!voucher) return response.notFound()
    const payload = await request.validateUsing(confirmTransferValidator, {
      messagesProvider: new ChineseMessagesProvider(confirmTransferMessages),
    })
    const staff = auth.use('admin').user as Staff
    try {
      const result = await paymentService.confirmTransfer(
        voucher.id,
        { id: staff.id, name: staff.displayName },
        {
          bankReference: payload.bank_reference ?? null,
        }
      )
      session.flash(
        result.status === 'paid' ? 'success' : 'warning',
        result.status === 'paid'
          ? `已确认到账，订单 ${result.payment.orderNo} 已支付`
          : `订单 ${result.payment.orderNo} 不能接受本笔汇款（${result.payment.failureReason}），已记为“已收款·待退款”，请安排退款`
      )
      return response.redirect('/admin/payments/transfers')
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error
      session.flashExcept(['_csrf', '_method'])
      session.flash('error', error.message)
      return response.redirect(`/admin/payments/transfers/${voucher.id}`)
    }
  }

  async reject({ bouncer, params, request, response, session, auth }: HttpContext) {
    await bouncer.with(PaymentPolicy).authorize('review')
    const voucher = await findVoucher(params.id)
    if (!voucher) return response.notFound()
    const payload = await request.validateUsing(rejectTransferValidator, {
      messagesProvider: new ChineseMessagesProvider(rejectTransferMessages),
    })
    const staff = auth.use('admin').user as Staff
    try {
      const result = await paymentService.rejectTransfer(
        voucher.id,
        { id: staff.id, name: staff.displayName },
        payload.reason
      )
      session.flash('success', `已退回订单 ${result.payment.orderNo} 的汇款凭证，申请人将收到通知`)
      return response.redirect('/admin/payments/transfers')
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error
      session.flashExcept(['_csrf', '_method'])
      if (error.field) session.flash('inputErrorsBag', { [error.field]: [error.message] })
      session.flash('error', error.message)
      return response.redirect(`/admin/payments/transfers/${voucher.id}`)
    }
  }
}
