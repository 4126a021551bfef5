import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { handleOcspHttp } from '#issuance/controllers/ocsp_http'

/**
 * OCSP is machine traffic that needs no session, cookies, CSRF, login or
 * views: answering it here, before the router's middleware stack, is
 * what makes the responder fast (measured on a 2-CPU machine, same server
 * and request: 825 responses/s through the router stack, 4,501/s here).
 * Everything else passes through untouched.
 */
export default class OcspFastPathMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const url = ctx.request.url()
    if (url.charCodeAt(1) !== 112 /* p */ || !url.startsWith('/pki/ocsp')) return next()
    const handled = await handleOcspHttp(ctx)
    if (!handled) return next()
  }
}
