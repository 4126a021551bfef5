import env from '#start/env'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { defineConfig } from '@adonisjs/core/http'

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

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: true,
  useAsyncLocalStorage: true,
  trustProxy,
  onBadUrl,
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },
})
