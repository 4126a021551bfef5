import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * A gateway's notification (POST /payments/notify/:gateway) is verified
 * byte for byte by its driver, which also decides what a body that is not
 * JSON means and answers in the gateway's own format. The router's body
 * parser must not get there first: a body sent as JSON that is not JSON
 * made it answer an HTML 422 page (issue 9 #9). So this server middleware
 * hands such a body to the raw parser (content type text/plain) and keeps
 * the type the gateway sent in `x-certdesk-notify-content-type`, which the
 * notifications controller gives back to the driver.
 */
export const ORIGINAL_TYPE_HEADER = 'x-certdesk-notify-content-type'

export default class NotifyBodyMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const url = ctx.request.url()
    if (url.charCodeAt(1) === 112 /* p */ && url.startsWith('/payments/notify/')) {
      const headers = ctx.request.request.headers
      const type = headers['content-type']
      if (type && /json/i.test(type)) {
        headers[ORIGINAL_TYPE_HEADER] = type
        headers['content-type'] = 'text/plain; charset=utf-8'
      }
    }
    return next()
  }
}
