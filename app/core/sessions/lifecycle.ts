import emitter from '@adonisjs/core/services/emitter'
import { DateTime } from 'luxon'
import {
  GUARD_LIFETIMES,
  seenAtKey,
  signedInAtKey,
  type SessionGuard,
} from '#middleware/session_lifetime_middleware'

/**
 * A login starts a session's lifetimes; a logout gives the browser a new
 * session id (the old one is deleted from the store when the response is
 * sent), so a cookie copied before the logout opens nothing afterwards,
 * whichever guard (applicants' "web", staff's "admin") it was.
 * Loaded at boot by core's module declaration.
 */
function isGuard(name: string): name is SessionGuard {
  return name in GUARD_LIFETIMES
}

emitter.on('session_auth:login_succeeded', ({ ctx, guardName }) => {
  if (!isGuard(guardName)) return
  const now = DateTime.now().toMillis()
  ctx.session.put(signedInAtKey(guardName), now)
  ctx.session.put(seenAtKey(guardName), now)
})

emitter.on('session_auth:logged_out', ({ ctx, guardName }) => {
  if (!isGuard(guardName)) return
  ctx.session.forget(signedInAtKey(guardName))
  ctx.session.forget(seenAtKey(guardName))
  ctx.session.regenerate()
})
