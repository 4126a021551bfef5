import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { DateTime } from 'luxon'
import { sessionLifetimes } from '#config/session'

/**
 * How long a signed-in session lasts (config/session.ts sessionLifetimes):
 * applicants and staff each have an idle timeout and an absolute lifetime
 * counted from the login. Runs before the auth guards read the session,
 * so an expired sign-in is simply gone for the rest of the request (the
 * page then asks to sign in, with a message saying why).
 *
 * Per guard, the session keeps `<guard>_signed_in_at` (set at login, see
 * #core/sessions/lifecycle) and `<guard>_seen_at` (refreshed at most once
 * per `seenEvery`, so that a busy user does not write the session on
 * every request). The clock is Luxon's (tests move it with Settings.now).
 */
export const GUARD_LIFETIMES = {
  web: { lifetime: () => sessionLifetimes.applicant, flash: 'warning' },
  admin: { lifetime: () => sessionLifetimes.staff, flash: 'error' },
} as const

export type SessionGuard = keyof typeof GUARD_LIFETIMES

export const signedInAtKey = (guard: SessionGuard) => `${guard}_signed_in_at`
export const seenAtKey = (guard: SessionGuard) => `${guard}_seen_at`
const authKey = (guard: SessionGuard) => `auth_${guard}`

export type SessionVerdict = 'fresh' | 'idle' | 'expired'

export function sessionVerdict(
  guard: SessionGuard,
  times: { signedInAt: number; seenAt: number | null },
  now: number
): SessionVerdict {
  const { idle, absolute } = GUARD_LIFETIMES[guard].lifetime()
  if (now - times.signedInAt > absolute) return 'expired'
  if (times.seenAt !== null && now - times.seenAt > idle) return 'idle'
  return 'fresh'
}

function message(guard: SessionGuard, verdict: Exclude<SessionVerdict, 'fresh'>) {
  const { idle, absolute } = GUARD_LIFETIMES[guard].lifetime()
  const hours = Math.round(absolute / 3600_000)
  const minutes = Math.round(idle / 60_000)
  const who = guard === 'admin' ? '后台登录' : '登录'
  return verdict === 'expired'
    ? `${who}已超过 ${hours} 小时，为了安全请重新登录`
    : `您已超过 ${minutes} 分钟未操作，${who}已失效，为了安全请重新登录`
}

export default class SessionLifetimeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { session } = ctx
    const now = DateTime.now().toMillis()
    for (const guard of Object.keys(GUARD_LIFETIMES) as SessionGuard[]) {
      const since = Number(session.get(signedInAtKey(guard))) || 0
      if (!session.has(authKey(guard))) {
        // signed out (or never signed in): forget this guard's times
        if (since || session.has(seenAtKey(guard))) {
          session.forget(signedInAtKey(guard))
          session.forget(seenAtKey(guard))
        }
        continue
      }
      if (!since) {
        session.put(signedInAtKey(guard), now)
        session.put(seenAtKey(guard), now)
        continue
      }
      const seen = Number(session.get(seenAtKey(guard))) || null
      const verdict = sessionVerdict(guard, { signedInAt: since, seenAt: seen }, now)
      if (verdict !== 'fresh') {
        session.forget(authKey(guard))
        session.forget(signedInAtKey(guard))
        session.forget(seenAtKey(guard))
        session.flash(GUARD_LIFETIMES[guard].flash, message(guard, verdict))
        continue
      }
      if (!seen || now - seen >= sessionLifetimes.seenEvery) session.put(seenAtKey(guard), now)
    }
    return next()
  }
}
