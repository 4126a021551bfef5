import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { errors as vineErrors } from '@vinejs/vine'
import paymentsConfig from '#config/payments'
import { inspectUpload } from '#core/uploads'
import { fenToYuanString, parseYuan } from '#core/money'
import { sendPrivateFile } from '#core/http/private_file'
import { NotFoundError } from '#core/rule_error'
import { startPaymentForApplicant } from '#payments/actions/start_payment'
import { refreshPayment } from '#payments/actions/gateway_results'
import { submitVoucher } from '#payments/actions/transfers'
import {
  findPaymentForUser,
  findVoucherForUser,
  vouchersOfPayment,
} from '#payments/queries/payments'
import { paymentHooks } from '#payments/hooks'
import { acceptPaymentFormSections } from '#payments/form_sections'
import gateways from '#payments/gateways'
import { qrSvg } from '#payments/qr'
import { SandboxDriver } from '#payments/drivers/sandbox'
import { startPaymentValidator, voucherValidator } from '#payments/validators'

/**
 * The applicant's payment pages: start a payment (the method choice form),
 * the QR / voucher page, 我已支付, the voucher upload and the voucher file.
 * Only the owner reaches a payment (404 otherwise).
 */
export default class PaymentsController {
  async store(ctx: HttpContext) {
    const { auth, request, response } = ctx
    const user = auth.getUserOrFail()
    const payload = await request.validateUsing(startPaymentValidator)
    await acceptPaymentFormSections(ctx, payload.orderNo)
    const payment = await startPaymentForApplicant(user.id, payload.orderNo, payload.method)
    return response.redirect().toRoute('payments.show', { id: payment.id })
  }

  async show({ auth, params, view }: HttpContext) {
    const payment = await this.#own(auth, params.id)
    const driver = gateways.get(payment.method)
    const showQr =
      driver.kind === 'qr' &&
      payment.status === 'pending' &&
      !payment.isExpired &&
      Boolean(payment.codeUrl)
    return view.render('payments/show', {
      payment,
      driver,
      qr: showQr ? await qrSvg(payment.codeUrl!, `${driver.label}二维码`) : null,
      cashierPath:
        showQr && driver instanceof SandboxDriver ? driver.cashierPath(payment.id) : null,
      vouchers: payment.method === 'bank_transfer' ? await vouchersOfPayment(payment.id) : [],
      account: paymentsConfig.bankTransfer,
      amountYuan: fenToYuanString(payment.amountFen),
      demoAccount: driver.sandbox && payment.method === 'bank_transfer',
      voucherRule: paymentsConfig.voucher,
      orderUrl: paymentHooks.orderUrl(payment.orderNo) ?? urlFor('accounts.home'),
      /* 支付完成: the order's way back (e.g. 返回扫码继续) beside 查看订单 */
      returnLink:
        payment.status === 'paid' && !payment.refundState
          ? await paymentHooks.returnLink(payment.orderNo)
          : null,
      canQuery: Boolean(driver.query) && payment.status === 'pending',
    })
  }

  /**
   * 我已支付: ask the gateway (a lost notification must not leave a paid
   * order unpaid), then back to the page.
   */
  async check({ auth, params, response, session }: HttpContext) {
    const payment = await this.#own(auth, params.id)
    await refreshPayment(payment)
    if (payment.status === 'paid') session.flash('success', '支付成功')
    else if (payment.status === 'pending')
      session.flash('info', '暂未查询到支付结果。如您已付款，请稍候片刻再刷新。')
    return response.redirect().toRoute('payments.show', { id: payment.id })
  }

  /**
   * 上传汇款凭证 with the payer's details. A wrong file or field brings the
   * form back with everything typed kept.
   */
  async storeVoucher({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const payment = await this.#own(auth, params.id)
    if (payment.method !== 'bank_transfer') throw new NotFoundError()
    const file = await inspectUpload(request.file('voucher'), paymentsConfig.voucher)

    let payload
    const bag: Record<string, string[]> = {}
    try {
      payload = await request.validateUsing(voucherValidator)
    } catch (error) {
      // real work: the file's own check joins the fields' messages, so that every mistake shows at once
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      for (const m of (error as any).messages as Array<{ field: string; message: string }>) {
        ;(bag[m.field] ??= []).push(m.message)
      }
    }
    if (!file.ok) bag.voucher = [file.message]
    if (!payload || !file.ok) {
      session.flashExcept(['_csrf', '_method'])
      session.flash('inputErrorsBag', bag)
      session.flash('error', payload && !file.ok ? file.message : '提交的信息有误，请按提示修改')
      return response.redirect().toRoute('payments.show', { id: payment.id })
    }
    await submitVoucher(payment, user.id, {
      file: {
        buffer: file.buffer,
        type: file.type as 'jpg' | 'png' | 'pdf',
        size: file.size,
        clientName: file.clientName,
      },
      payerName: payload.payerName,
      payerAccount: payload.payerAccount,
      amountFen: parseYuan(payload.amount)!,
      transferDate: payload.transferDate,
      note: payload.note ?? null,
    })
    session.flash('success', '汇款凭证已提交，财务核对到账后订单即为已支付')
    return response.redirect().toRoute('payments.show', { id: payment.id })
  }

  /**
   * The applicant's own voucher file (never a public path).
   */
  async voucherFile(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const voucher = await findVoucherForUser(ctx.params.id, ctx.params.voucherId, user.id)
    if (!voucher) throw new NotFoundError()
    return sendPrivateFile(ctx, voucher.privateFile)
  }

  async #own(auth: HttpContext['auth'], id: unknown) {
    const payment = await findPaymentForUser(id, auth.getUserOrFail().id)
    if (!payment) throw new NotFoundError()
    return payment
  }
}
