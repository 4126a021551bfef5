import type { HttpContext } from '@adonisjs/core/http'
import { NotFoundError } from '#core/rule_error'
import { applyForRefund, refundQuote } from '#payments/actions/refunds'
import { refundsOfOrder } from '#payments/queries/refunds'
import { refundLifecycle } from '#payments/refund_lifecycle'
import { refundRequestValidator } from '#payments/refund_validators'
import { PAYMENT_METHODS } from '#payments/labels'
import { paymentHooks } from '#payments/hooks'

/**
 * 退费申请 on an order: 可退款 and the amount by the order's refund rule,
 * the order summary, 退费原因 (required) and 申请说明; the order's refunds
 * with their status below.
 */
export default class RefundsController {
  async create({ auth, params, view }: HttpContext) {
    const user = auth.getUserOrFail()
    const quote = await refundQuote(params.orderNo, String(user.id))
    if (!quote) throw new NotFoundError('订单不存在')
    return view.render('payments/refunds/create', {
      quote,
      refunds: await refundsOfOrder(params.orderNo),
      lifecycle: refundLifecycle,
      methods: PAYMENT_METHODS,
      orderUrl: paymentHooks.orderUrl(params.orderNo),
    })
  }

  async store({ auth, params, request, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    const payload = await request.validateUsing(refundRequestValidator)
    await applyForRefund(String(user.id), params.orderNo, payload)
    session.flash('success', '退费申请已提交，财务审核后将原路退回')
    return response.redirect().toRoute('payments.refunds.create', { orderNo: params.orderNo })
  }
}
