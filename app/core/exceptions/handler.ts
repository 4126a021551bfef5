import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { errors as vineErrors } from '@vinejs/vine'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import router from '@adonisjs/core/services/router'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { secretFields } from '#core/form_secrets'
import { isRuleError, type RuleError } from '#core/rule_error'

/**
 * Every error a user can meet ends on a Chinese page (or a Chinese
 * message back on the form). Stack traces go to the log only, unless
 * DEBUG_ERRORS=true in development.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = env.get('DEBUG_ERRORS', false) && !app.inProduction

  protected renderStatusPages = !this.debug

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '400': (error, { view, request }) =>
      view.render('errors/error', {
        status: 400,
        title: '请求无效',
        message: messageOf(error, '请求无效，请检查后重试'),
        ref: request.id(),
      }),
    '401': (_, { view, request }) =>
      view.render('errors/error', {
        status: 401,
        title: '请先登录',
        message: '登录后才能访问此页面',
        ref: request.id(),
      }),
    '403': (error, { view, request }) =>
      view.render('errors/error', {
        status: 403,
        title: '无权访问',
        message: messageOf(error, '您没有权限访问此页面或执行此操作'),
        ref: request.id(),
      }),
    '404': (_, { view, request }) =>
      view.render('errors/error', {
        status: 404,
        title: '页面不存在',
        message: '您访问的页面不存在或已被删除',
        ref: request.id(),
      }),
    '405..499': (error, { view, request }) =>
      view.render('errors/error', {
        status: (error as any).status ?? 400,
        title: '请求无法处理',
        message: messageOf(error, '请求无法处理，请稍后重试'),
        ref: request.id(),
      }),
    '500..599': (_, { view, request }) =>
      view.render('errors/error', {
        status: 500,
        title: '系统繁忙',
        message: '服务器开小差了，请稍后重试。如问题持续，请将下方参考编号告知客服。',
        ref: request.id(),
      }),
  }

  async handle(error: unknown, ctx: HttpContext) {
    const err = error as any

    /**
     * Validation errors of an HTML form: back to the form, every field
     * the user typed kept, Chinese messages at the fields.
     */
    if (error instanceof vineErrors.E_VALIDATION_ERROR && !wantsJson(ctx)) {
      const errorsBag: Record<string, string[]> = {}
      for (const message of err.messages as Array<{ field: string; message: string }>) {
        ;(errorsBag[message.field] ??= []).push(message.message)
      }
      ctx.session.flashExcept(['_csrf', '_method', ...passwordFields(ctx)])
      ctx.session.flash('inputErrorsBag', errorsBag)
      ctx.session.flashErrors({ E_VALIDATION_ERROR: '提交的信息有误，请按提示修改' })
      return backToForm(ctx)
    }

    /**
     * A business rule said no (RuleError from an action): the message at
     * its field or on top of the form, everything typed kept; JSON
     * callers get it with the status. Controllers do not catch these.
     */
    if (isRuleError(error)) {
      return this.#refuse(error, ctx)
    }

    if (err?.code === 'E_BAD_CSRF_TOKEN') {
      if (wantsJson(ctx)) {
        return ctx.response.status(403).send({ error: '页面已过期，请刷新后重新提交' })
      }
      ctx.session.flashExcept(['_csrf', '_method', ...passwordFields(ctx)])
      ctx.session.flash('error', '页面已过期或请求来源无效，请刷新页面后重新提交')
      return backToForm(ctx)
    }

    if (err?.code === 'E_TOO_MANY_REQUESTS' && !wantsJson(ctx)) {
      ctx.session.flashExcept(['_csrf', '_method', ...passwordFields(ctx)])
      ctx.session.flash('error', '操作过于频繁，请稍后再试')
      return backToForm(ctx)
    }

    /**
     * Refused by a Bouncer policy: a 403 page (or JSON), never a redirect
     * with an English flash message.
     */
    if (err?.code === 'E_AUTHORIZATION_FAILURE') {
      const message = messageOf(err.response ?? err, '您没有权限访问此页面或执行此操作')
      if (wantsJson(ctx)) return ctx.response.status(403).send({ error: message })
      return ctx.response.status(403).send(
        await ctx.view.render('errors/error', {
          status: 403,
          title: '无权访问',
          message,
          ref: ctx.request.id(),
        })
      )
    }

    if (wantsJson(ctx) && !this.debug) {
      const status = err?.status ?? 500
      return ctx.response.status(status).send({
        error: status >= 500 ? '系统繁忙，请稍后重试' : messageOf(err, '请求无法处理'),
        ref: ctx.request.id(),
      })
    }

    return super.handle(error, ctx)
  }

  async #refuse(error: RuleError, ctx: HttpContext) {
    if (wantsJson(ctx)) {
      return ctx.response.status(error.status).send({
        error: error.message,
        ...(error.field ? { field: error.field } : {}),
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.code ? { code: error.code } : {}),
      })
    }
    if (error.status === 404 || ctx.request.method() === 'GET') {
      const status = error.status === 422 ? 409 : error.status
      const title = status === 404 ? '页面不存在' : status === 403 ? '无权访问' : '无法办理'
      return ctx.response.status(status).send(
        await ctx.view.render('errors/error', {
          status,
          title,
          message: error.message,
          ref: ctx.request.id(),
        })
      )
    }
    ctx.session.flashExcept(['_csrf', '_method', ...passwordFields(ctx)])
    if (error.field) {
      const messages = error.fields ?? { [error.field]: error.message }
      ctx.session.flash(
        'inputErrorsBag',
        Object.fromEntries(Object.entries(messages).map(([field, m]) => [field, [m]]))
      )
      ctx.session.flashErrors({ E_VALIDATION_ERROR: '提交的信息有误，请按提示修改' })
    } else {
      ctx.session.flash('error', error.message)
    }
    if (error.redirect?.hash) {
      const { route, params, hash } = error.redirect
      return ctx.response.redirect().toPath(`${urlFor(route as any, params as any)}#${hash}`)
    }
    if (error.redirect) {
      return ctx.response
        .redirect()
        .toRoute(error.redirect.route as any, error.redirect.params as any)
    }
    return backToForm(ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    if (isRuleError(error)) return

    return super.report(error, ctx)
  }
}

/**
 * Passwords and PINs are never sent back to the form (they would sit in
 * the session and in the page's HTML): the user types them again.
 */
function passwordFields(ctx: HttpContext): string[] {
  return secretFields(ctx.request.all())
}

/**
 * Back to the page the form was on, with its query string (/register?type=org,
 * /login?mode=sms): without it the page would show another form, and the
 * messages would belong to fields that are not there. The page is the
 * Referer when the browser sent one from this site; otherwise the form
 * page is found from the URL the form posted to (POST /x → GET /x/create,
 * PUT /x/1 → GET /x/1/edit, else a GET route at the same path or at its
 * parent: POST /orders/1/cancel → GET /orders/1/cancel or /orders/1), so that a browser or proxy that drops the Referer does not
 * land the user on the home page with their input lost.
 */
function backToForm(ctx: HttpContext) {
  const referrer = sameSiteReferrer(ctx)
  if (referrer) return ctx.response.redirect().toPath(referrer)
  return ctx.response.redirect().toPath(formPageOf(ctx))
}

function sameSiteReferrer(ctx: HttpContext): string | null {
  const referrer = ctx.request.header('referer') || ctx.request.header('referrer')
  if (!referrer) return null
  if (referrer.startsWith('/') && !referrer.startsWith('//')) return referrer
  try {
    const url = new URL(referrer)
    if (url.host !== ctx.request.host()) return null
    return url.pathname + url.search
  } catch {
    return null
  }
}

/** a GET route serves this path (not a catch-all such as the back office's 404, /admin/*) */
function isPage(path: string): boolean {
  const match = router.match(path, 'GET', false)
  return Boolean(match && !match.route.pattern.includes('*'))
}

export function formPageOf(ctx: HttpContext): string {
  const url = new URL(ctx.request.completeUrl(true), 'http://localhost')
  const query = url.search
  let path = url.pathname.replace(/\/+$/, '') || '/'
  // resourceful forms: POST /staff came from /staff/create, PUT /staff/1 from /staff/1/edit
  const method = ctx.request.method()
  const form =
    method === 'POST' ? `${path}/create` : ['PUT', 'PATCH'].includes(method) ? `${path}/edit` : null
  if (form && isPage(form)) return form + query
  for (let i = 0; i < 4; i++) {
    if (isPage(path)) return path + query
    const parent = path.replace(/\/[^/]*$/, '')
    if (!parent || parent === path) break
    path = parent
  }
  return '/'
}

function wantsJson(ctx: HttpContext) {
  const url = ctx.request.url()
  return url.startsWith('/api/') || ctx.request.accepts(['html', 'json']) === 'json'
}

function messageOf(error: unknown, fallback: string) {
  const message = (error as any)?.message
  return typeof message === 'string' && /[\u4e00-\u9fa5]/.test(message) ? message : fallback
}
