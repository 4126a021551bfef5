import type { HttpContext } from '@adonisjs/core/http'
import { receiveRefundNotification } from '#payments/actions/refunds'

/**
 * POST /payments/notify/refund/wechatpay: the raw body and headers go to
 * the action (the signature covers the raw bytes); the answer is the
 * gateway's expected one.
 */
export default class RefundNotificationsController {
  async handle({ request, response }: HttpContext) {
    const headers: Record<string, string | undefined> = {}
    for (const [key, value] of Object.entries(request.headers()))
      headers[key.toLowerCase()] = Array.isArray(value) ? value[0] : value
    const answer = await receiveRefundNotification('wechatpay', {
      headers,
      body: request.raw() ?? '',
    })
    return response
      .status(answer.status)
      .header('content-type', answer.contentType)
      .send(answer.body)
  }
}
