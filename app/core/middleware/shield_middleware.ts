import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'

/**
 * @adonisjs/shield's middleware (CSRF, CSP, X-Frame-Options, HSTS,
 * nosniff), built once per process: the package binds it in the container
 * as a factory, so each request built a new one (reading the config,
 * resolving the encrypter, a dynamic import of edge.js and the CSP
 * directives compiled again).
 */
let shield: Promise<ShieldMiddleware> | null = null

export default class SharedShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    shield ??= app.container.make(ShieldMiddleware)
    const middleware = await shield
    return middleware.handle(ctx, next)
  }
}
