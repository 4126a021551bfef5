import env from '#start/env'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { defineConfig } from '@adonisjs/core/http'

/**
 * The public address of the site (APP_URL, e.g. https://certdesk.example.com),
 * used wherever an absolute URL is needed: payment and real-name callbacks,
 * QR codes, the PKI base URL at `ca:init`. Without APP_URL:
 * http://localhost:<PORT> (PORT defaults to 3333), which only suits a
 * machine of one's own.
 */
export const appUrl = env.get('APP_URL', `http://localhost:${env.get('PORT', 3333)}`)

/**
 * Seed the demo office (two trading platforms, products, notices, a demo
 * applicant) at the first start. On by default in development; the .env
 * that the first `npm start` writes on a fresh clone turns it on
 * (DEMO_DATA=true) so that a newcomer gets the demo office; a production
 * .env made from .env.example leaves it off.
 */
export const demoData = env.get('DEMO_DATA', env.get('NODE_ENV') === 'development')

/**
 * Cookies are Secure when the site is served over https (or when forced).
 * COOKIE_SECURE=true/false overrides the guess from APP_URL (e.g. true
 * behind a TLS-terminating proxy that APP_URL does not show).
 */
export const secureCookies = env.get('COOKIE_SECURE', appUrl.startsWith('https://'))

/**
 * X-Forwarded-For is believed only when it comes from a reverse proxy on
 * this machine (loopback) or from an address listed in TRUSTED_PROXIES:
 * otherwise any client could choose the IP that the per-IP limits (SMS
 * codes, logins) and the audit log see.
 */
const trustedProxies = new Set(
  String(env.get('TRUSTED_PROXIES') ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean)
)

export function trustProxy(address: string) {
  return /^(127\.|::1$|::ffff:127\.)/.test(address) || trustedProxies.has(address)
}

/**
 * A URL that is not even valid percent-encoding (/x/%ZZ) stops in the HTTP
 * server before any middleware. An OCSP client asking GET /pki/ocsp/<…>
 * still gets an OCSP answer (malformedRequest, from the issuance module);
 * every other such URL gets the plain 400 the framework gives by default.
 */
function onBadUrl(req: IncomingMessage, res: ServerResponse) {
  const badRequest = () => {
    if (res.headersSent) return res.end()
    res.writeHead(400, { 'Content-Type': 'text/plain' })
    res.end('Bad Request')
  }
  if (req.method !== 'GET' || !req.url?.startsWith('/pki/ocsp/')) return badRequest()
  import('#issuance/controllers/ocsp_http')
    .then(({ answerBadOcspUrl }) => answerBadOcspUrl(req, res) || badRequest())
    .catch(badRequest)
}

/**
 * The configuration settings used by the HTTP server
 */
export const http = defineConfig({
  /**
   * Generate a unique request ID for each incoming HTTP request (from the
   * X-Request-Id header when a proxy sets one). Every log line of a request
   * carries it, so that a complaint at the counter can be traced to the
   * request in the logs. Not configurable through env.
   */
  generateRequestId: true,

  /**
   * Allow method spoofing via the `_method` form field. Every form works
   * without JavaScript, so PUT and DELETE routes (edit a product, delete a
   * pickup point) are reached by a POST form carrying `_method`.
   */
  allowMethodSpoofing: true,

  /**
   * Keep the HTTP context in async local storage, so that code outside a
   * controller can reach it: the audit log (app/core/audit) reads the acting
   * user or staff member, their IP and user agent from it for every entry.
   * Must stay on.
   */
  useAsyncLocalStorage: true,

  /**
   * Which peer addresses may set X-Forwarded-For (see trustProxy above):
   * loopback and TRUSTED_PROXIES (comma-separated IPs).
   */
  trustProxy,

  /**
   * What the server answers to a URL it cannot decode (see onBadUrl above):
   * an OCSP malformedRequest for GET /pki/ocsp/…, otherwise a plain 400.
   */
  onBadUrl,

  /**
   * Defaults for cookies the app sets with response.cookie(). CertDesk's
   * only cookie today is the session id, whose settings are in
   * config/session.ts; these apply to any other cookie added later.
   */
  cookie: {
    /**
     * The domain for which the cookie is valid. Empty string means the
     * current host only (no sharing with sibling sub-domains).
     */
    domain: '',

    /**
     * The path for which the cookie is valid: '/' for every route.
     */
    path: '/',

    /**
     * Maximum age of the cookie (a duration string: 2 hours). After this
     * time the browser drops it.
     */
    maxAge: '2h',

    /**
     * Not readable by page scripts (document.cookie): the site needs no
     * script access to cookies, and this limits what an XSS could steal.
     */
    httpOnly: true,

    /**
     * Sent over HTTPS only: on when APP_URL is https, or as COOKIE_SECURE
     * says (see secureCookies above).
     */
    secure: secureCookies,

    /**
     * Sent on same-site requests and top-level navigations from other sites
     * (a link from a trading platform still arrives signed in), not on
     * cross-site form posts or embedded requests.
     */
    sameSite: 'lax',
  },
})
