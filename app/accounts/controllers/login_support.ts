import type { HttpContext } from '@adonisjs/core/http'
import type User from '#accounts/models/user'
import { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'
import { recordLogin } from '#accounts/actions/authentication'

/**
 * Where to go after login: the page that asked for it (a local path,
 * never another site or the back office), else the home page.
 */
export function safeIntended(value: unknown): string | null {
  if (typeof value !== 'string') return null
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null
  if (value.startsWith('/admin') || value.startsWith('/login') || value.startsWith('/logout'))
    return null
  return value
}

/**
 * Sign the applicant in on this browser: guard login, a login device
 * whose id the session keeps, last_login_at, one audit entry.
 */
export async function signIn(ctx: HttpContext, user: User, method: 'password' | 'sms') {
  const intended = safeIntended(ctx.session.pull('intended_url'))
  await ctx.auth.use('web').login(user)
  const device = await recordLogin(
    user,
    { ip: ctx.request.ip(), userAgent: ctx.request.header('user-agent') ?? null },
    method
  )
  ctx.session.put(DEVICE_SESSION_KEY, device.id)
  return intended
}

export function clientInfo(ctx: HttpContext) {
  return { ip: ctx.request.ip(), userAgent: ctx.request.header('user-agent') ?? null }
}
