import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Shield puts a CSRF secret into every new session, so every page a
 * visitor without a session cookie opens (a first visit, a crawler, a
 * health probe) started a session and wrote a row to the sessions table.
 * A page without a form never needs that secret: when a new session holds
 * nothing but it and the page has no CSRF field, the secret is dropped
 * and the empty session is never stored (the next page with a form makes
 * its own). Runs inside the session middleware, before its commit.
 */
const CSRF_SECRET_KEY = 'csrf-secret'
const CSRF_FIELD = /name=['"]_csrf['"]/

export default class UnusedCsrfSecretMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await next()
    const { session, response } = ctx
    if (!session.fresh) return
    const keys = Object.keys(session.all())
    if (keys.length !== 1 || keys[0] !== CSRF_SECRET_KEY) return
    if (!session.responseFlashMessages.isEmpty) return
    const body = response.content?.[0]
    if (typeof body === 'string' && !CSRF_FIELD.test(body)) session.forget(CSRF_SECRET_KEY)
  }
}
