import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * A page that answered 403 or 404 without a body (`response.notFound()`:
 * someone else's order, a made-up id) still shows the Chinese error page
 * a person can read, in the right layout — never an empty white page.
 */
const PAGES: Record<number, { title: string; message: string }> = {
  403: { title: '无权访问', message: '您没有权限访问此页面或执行此操作' },
  404: { title: '页面不存在', message: '您访问的页面不存在或已被删除' },
}

export default class EmptyErrorPageMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    const status = ctx.response.getStatus()
    const page = PAGES[status]
    if (!page || ctx.response.hasStream || ctx.response.hasFileToStream) return
    const body = ctx.response.content?.[0]
    if (body !== undefined && body !== null && body !== '') return
    if (ctx.request.accepts(['html', 'json']) === 'json' || ctx.request.url().startsWith('/api/')) {
      ctx.response.send({ error: page.message })
      return
    }
    ctx.response.send(
      await ctx.view.render('errors/error', { status, ...page, ref: ctx.request.id() })
    )
  }
}
