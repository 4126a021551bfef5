import type { HttpContext } from '@adonisjs/core/http'
import gateways from '#payments/gateways'
import { findPayment } from '#payments/queries/payments'
import { receiveNotification } from '#payments/actions/gateway_results'
import { NotFoundError } from '#core/rule_error'
import { SandboxDriver } from '#payments/drivers/sandbox'
import { qrSvg } from '#payments/qr'

/**
 * 沙箱收银台: what a real gateway's cashier would be. Whoever holds the QR
 * code (the URL with its token) may pay, as with a real code; the buttons
 * post a signed notification through the same verified path as the real
 * gateways.
 */
export default class SandboxController {
  async show({ params, request, view, auth }: HttpContext) {
    const { payment, driver } = await this.#find(params.id, request.input('t'))
    const user = auth.use('web').user as any
    return view.render('payments/sandbox', {
      payment,
      token: driver.cashierToken(payment.id),
      qr: await qrSvg(payment.codeUrl ?? driver.cashierPath(payment.id), '沙箱收银台二维码'),
      isOwner: Boolean(user && user.id === payment.userId),
    })
  }

  async pay({ params, request, response, session }: HttpContext) {
    const { payment, driver } = await this.#find(params.id, request.input('t'))
    const success = request.input('outcome') === 'success'
    if (payment.status !== 'pending' || payment.isExpired) {
      session.flash(
        'error',
        payment.isExpired ? '该二维码已过期，请返回重新发起支付' : '该支付已结束，无需再次操作'
      )
    } else {
      const answer = await receiveNotification(
        'sandbox',
        driver.buildNotification({
          outTradeNo: payment.outTradeNo,
          amountFen: payment.amountFen,
          success,
        })
      )
      if (!answer || answer.status !== 200) {
        session.flash('error', '沙箱通知未被接受，请返回重新发起支付')
      } else {
        session.flash(
          success ? 'success' : 'warning',
          success ? '已模拟支付成功' : '已模拟支付失败'
        )
      }
    }
    return response
      .redirect()
      .withQs({ t: driver.cashierToken(payment.id) })
      .toRoute('payments.sandbox.show', { id: payment.id })
  }

  /**
   * The payment the cashier's URL names (its token proves it came from
   * the QR code), while the sandbox is offered; 404 otherwise.
   */
  async #find(id: unknown, token: unknown) {
    const driver = gateways.isAvailable('sandbox') ? gateways.get('sandbox') : null
    if (!(driver instanceof SandboxDriver)) throw new NotFoundError()
    const payment = await findPayment(id)
    if (!payment || payment.method !== 'sandbox' || !driver.checkCashierToken(payment.id, token))
      throw new NotFoundError()
    return { payment, driver }
  }
}
