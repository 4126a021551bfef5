import env from '#start/env'
import { secureCookies } from '#config/app'
import { defineConfig } from '@adonisjs/session'
import { coreSessionStore } from '#core/sessions/sessions'

/**
 * Sessions live on the server (issue 9): the cookie carries only a random
 * session id, the data sits in the `sessions` table of the app's own
 * database (SQLite or PostgreSQL), so that
 *  - logging out, a password change, a deactivated staff account, a staff
 *    password reset and 设备下线 end the session at once, on every
 *    instance that shares the database (#core/sessions/sessions endSessions);
 *  - flashed form input (a long notice, a 20 KB form) never has to fit in
 *    a 4 KB cookie.
 * SESSION_DRIVER=memory is for the tests only (the test client writes its
 * sessions there). Redis is not offered: several instances share sessions
 * through their common PostgreSQL database.
 */
export const sessionStoreName: 'database' | 'memory' =
  // an older .env may still say "cookie": such sessions could not be ended, so it means database
  env.get('SESSION_DRIVER') === 'memory' ? 'memory' : 'database'

/**
 * Which session keys name a session's owners (copied into the table's
 * owner columns on every write):
 */
export const sessionOwners = {
  /** the back-office guard's key (config/auth.ts guard "admin") */
  staff: 'auth_admin',
  /** the applicants' guard's key (guard "web") */
  applicant: 'auth_web',
  /** the login device of an applicant session (#accounts/actions/device_sessions) */
  device: 'device_id',
}

/**
 * How long a signed-in session lasts (#middleware/session_lifetime_middleware).
 * `idle`: ends after this long without a request; `absolute`: ends this
 * long after the login however busy it is. Milliseconds.
 */
export const sessionLifetimes = {
  /** applicants (guard "web") */
  applicant: {
    /** 1 hour without a request (time enough to fill in the application wizard) */
    idle: 60 * 60_000,
    /** 24 hours after the login */
    absolute: 24 * 3600_000,
  },
  /** staff (guard "admin") */
  staff: {
    /** 30 minutes without a request */
    idle: 30 * 60_000,
    /** 12 hours after the login (one working day) */
    absolute: 12 * 3600_000,
  },
  /** the "last seen" time in the session is refreshed at most this often (each refresh is a write) */
  seenEvery: 60_000,
}

const sessionConfig = defineConfig({
  /** sessions are on for every HTTP request */
  enabled: true,
  /** the cookie that carries the session id */
  cookieName: 'certdesk-session',
  /** the cookie is a browser-session cookie: closing the browser forgets it */
  clearWithBrowser: true,
  /**
   * How long the store keeps a session nobody uses any more: longer than
   * the longest lifetime above (which the middleware enforces); expired
   * rows are deleted by the scheduled job core.sessions_gc.
   */
  age: '25h',
  /** the session id cookie: never readable by scripts, sent on same-site navigation only */
  cookie: {
    /** sent for every route of the site */
    path: '/',
    /** not readable by page scripts (document.cookie): an XSS cannot steal the session */
    httpOnly: true,
    /** HTTPS only when APP_URL is https, or as COOKIE_SECURE says (config/app.ts secureCookies) */
    secure: secureCookies,
    /**
     * sent on same-site requests and on top-level navigations from other
     * sites (a link from a trading platform arrives signed in), never with
     * a cross-site form post
     */
    sameSite: 'lax',
  },
  /** "database" (default) or "memory" (tests): SESSION_DRIVER, see sessionStoreName above */
  store: sessionStoreName,
  /** the stores a session may live in (memory is built in: the tests' client writes there) */
  stores: {
    /**
     * The sessions table on the default database connection (the
     * framework's table layout and data format, plus owner columns and
     * no write for an unchanged session: app/core/sessions/database_store.ts).
     */
    database: coreSessionStore({
      /** table created by migration 0105_core_create_sessions_table */
      tableName: 'sessions',
      /** session keys naming the owners, see above */
      owners: sessionOwners,
      /** an unchanged session's row expiry is pushed back at most every 5 minutes */
      touchAfter: '5 min',
    }),
  },
})

export default sessionConfig
