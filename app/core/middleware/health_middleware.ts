import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * GET /health answered before the router's middleware: no session, no
 * cookie, no CSRF, no login (a load balancer asks it every few seconds).
 * 200 when every check passes (warnings included), 503 otherwise, JSON
 * either way (#core/health).
 */
export default class HealthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request, response } = ctx
    if (request.url() !== '/health' || !['GET', 'HEAD'].includes(request.method())) return next()
    const { healthReport } = await import('#core/health')
    const { healthy, answer } = await healthReport()
    response.header('Cache-Control', 'no-store')
    response.status(healthy ? 200 : 503).json(answer)
  }
}
