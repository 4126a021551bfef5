import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import paymentsConfig from '#config/payments'
import { inspectUpload } from '#core/uploads'
import { fenToYuanString, parseYuan } from '#core/money'
import storage from '#core/storage'
import { ChineseMessagesProvider } from '#core/validation/messages'
import paymentService, { PaymentError } from '#payments/payment_service'
import { findPaymentForUser, findVoucherForUser, vouchersOfPayment } from '#payments/queries'
import { paymentHooks } from '#payments/hooks'
import gateways from '#payments/gateways'
import { qrSvg } from '#payments/qr'
import { SandboxDriver } from '#payments/drivers/sandbox'
import {
  startPaymentMessages,
  startPaymentValidator,
  voucherMessages,
  voucherValidator,
} from '#payments/validators'

/**
 * The applicant's payment pages: start a payment (the method choice form),
 * the QR / voucher page, 我已支付, the voucher upload and the voucher file.
 * Only the owner reaches a payment (404 otherwise).
 */
export default class PaymentsController {
  async store({ auth, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as any
    const payload = await request.validateUsing(startPaymentValidator, {
      messagesProvider: new ChineseMessagesProvider(startPaymentMessages),
    })
    try {
      const payment = await paymentService.startForApplicant(
        user.id,
        payload.order_no,
        payload.method
      )
      return response.redirect(`/payments/${payment.id}`)
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error
      session.flashExcept(['_csrf', '_method'])
      if (error.field) session.flash('inputErrorsBag', { [error.field]: [error.message] })
      session.flash('error', error.message)
      return response.redirect().back()
    }
  }

  async show({ auth, params, view, response }: HttpContext) {
    const user = auth.getUserOrFail() as any
    const payment = await findPaymentForUser(params.id, user.id)
    if (!payment) return response.notFound()
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
      orderUrl: paymentHooks.orderUrl(payment.orderNo),
      canQuery: Boolean(driver.query) && payment.status === 'pending',
    })
  }

  /**
   * 我已支付: ask the gateway (a lost notification must not leave a paid
   * order unpaid), then back to the page.
   */
  async check({ auth, params, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as any
    const payment = await findPaymentForUser(params.id, user.id)
    if (!payment) return response.notFound()
    try {
      await paymentService.refresh(payment)
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error
      session.flash('error', error.message)
      return response.redirect(`/payments/${payment.id}`)
    }
    if (payment.status === 'paid') session.flash('success', '支付成功')
    else if (payment.status === 'pending')
      session.flash('info', '暂未查询到支付结果。如您已付款，请稍候片刻再刷新。')
    return response.redirect(`/payments/${payment.id}`)
  }

  /**
   * 上传汇款凭证 with the payer's details. A wrong file or field brings the
   * form back with everything typed kept.
   */
  async storeVoucher({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail() as any
    const payment = await findPaymentForUser(params.id, user.id)
    if (!payment || payment.method !== 'bank_transfer') return response.notFound()
    const back = `/payments/${payment.id}`
    const file = await inspectUpload(request.file('voucher'), paymentsConfig.voucher)

    let payload
    try {
      payload = await request.validateUsing(voucherValidator, {
        messagesProvider: new ChineseMessagesProvider(voucherMessages),
      })
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      const bag: Record<string, string[]> = {}
      for (const m of (error as any).messages as Array<{ field: string; message: string }>) {
        ;(bag[m.field] ??= []).push(m.message)
      }
      if (!file.ok) bag.voucher = [file.message]
      return this.#backWithErrors(session, response, back, bag, '提交的信息有误，请按提示修改')
    }
    if (!file.ok) {
      return this.#backWithErrors(
        session,
        response,
        back,
        { voucher: [file.message] },
        file.message
      )
    }
    try {
      await paymentService.submitVoucher(payment, user.id, {
        file: {
          buffer: file.buffer,
          type: file.type as 'jpg' | 'png' | 'pdf',
          size: file.size,
          clientName: file.clientName,
        },
        payerName: payload.payer_name,
        payerAccount: payload.payer_account,
        amountFen: parseYuan(payload.amount)!,
        transferDate: payload.transfer_date,
        note: payload.note ?? null,
      })
    } catch (error) {
      if (!(error instanceof PaymentError)) throw error
      return this.#backWithErrors(
        session,
        response,
        back,
        error.field ? { [error.field]: [error.message] } : {},
        error.message
      )
    }
    session.flash('success', '汇款凭证已提交，财务核对到账后订单即为已支付')
    return response.redirect(back)
  }

  /**
   * The applicant's own voucher file (never a public path).
   */
  async voucherFile({ auth, params, response }: HttpContext) {
    const user = auth.getUserOrFail() as any
    const voucher = await findVoucherForUser(params.id, params.voucherId, user.id)
    if (!voucher) return response.notFound()
    return sendVoucher(response, voucher)
  }

  #backWithErrors(
    session: HttpContext['session'],
    response: HttpContext['response'],
    url: string,
    bag: Record<string, string[]>,
    message: string
  ) {
    session.flashExcept(['_csrf', '_method'])
    session.flash('inputErrorsBag', bag)
    session.flash('error', message)
    return response.redirect(url)
  }
}

const MIME = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' } as const

/**
 * Send a voucher, with its type fixed by what was sniffed at upload (not
 * by its name).
 */
export async function sendVoucher(
  response: HttpContext['response'],
  voucher: { fileKey: string; fileType: 'jpg' | 'png' | 'pdf'; id: string }
) {
  const bytes = await storage.get(voucher.fileKey)
  response.header('Content-Type', MIME[voucher.fileType] ?? 'application/octet-stream')
  /* images open in the page; PDFs download (a browser's PDF viewer may be blocked by the site's CSP) */
  const disposition = voucher.fileType === 'pdf' ? 'attachment' : 'inline'
  response.header(
    'Content-Disposition',
    `${disposition}; filename="voucher-${voucher.id.slice(0, 8)}.${voucher.fileType}"`
  )
  response.header('X-Content-Type-Options', 'nosniff')
  response.header('Cache-Control', 'private, no-store')
  return response.send(bytes)
}
