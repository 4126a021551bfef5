import type { HttpContext } from '@adonisjs/core/http'
import { receiveNotification } from '#payments/actions/gateway_results'
import { ORIGINAL_TYPE_HEADER } from '#payments/middleware/notify_body_middleware'

/**
 * POST /payments/notify/:gateway — asynchronous notifications of WeChat
 * Pay, Alipay and the sandbox. No session, no CSRF (the gateway's
 * signature authenticates it); the raw body is verified byte for byte.
 */
export default class NotificationsController {
  async handle({ params, request, response }: HttpContext) {
    const headers: Record<string, string | undefined> = {}
    for (const [key, value] of Object.entries(request.headers())) {
      headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
    }
    // the type the gateway sent (the body reached us unparsed: middleware/notify_body_middleware.ts)
    if (headers[ORIGINAL_TYPE_HEADER]) {
      headers['content-type'] = headers[ORIGINAL_TYPE_HEADER]
      delete headers[ORIGINAL_TYPE_HEADER]
    }
    const answer = await receiveNotification(String(params.gateway), {
      headers,
      body: request.raw() ?? '',
    })
    if (!answer) {
      return response
        .status(404)
        .header('Content-Type', 'text/plain; charset=utf-8')
        .send('not found')
    }
    return response
      .status(answer.status)
      .header('Content-Type', answer.contentType)
      .send(answer.body)
  }
}
