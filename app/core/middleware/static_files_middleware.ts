import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'

/**
 * The files of resources/public (/css/app.css, /js/app.js, /favicon.ico):
 * @adonisjs/static asks the disk (a stat through serve-static) on every
 * request, pages included. Every public file has an extension and no page
 * address does, so a path without a dot in its last segment goes straight
 * on to the router.
 */
let files: Promise<StaticMiddleware> | null = null

export default class StaticFilesMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const path = ctx.request.url()
    if (!path.slice(path.lastIndexOf('/') + 1).includes('.')) return next()
    files ??= app.container.make(StaticMiddleware)
    const middleware = await files
    return middleware.handle(ctx, next)
  }
}
