import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The integrator API's request signature, the same both ways (the
 * platform's calls to us, our webhooks to the platform):
 *
 *   X-App-Id:    the integration's app id
 *   X-Timestamp: Unix seconds
 *   X-Nonce:     8–64 characters [A-Za-z0-9_-], used once
 *   X-Signature: hex(HMAC-SHA256(secret, METHOD + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + body))
 *
 * `path` is the request path with its query string (`/api/platform/sessions/…`),
 * `body` the exact bytes sent (empty for GET).
 */
export const MAX_SKEW_SECONDS = 300

export function canonicalString(
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string
) {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${body}`
}

export function signRequest(
  secret: string,
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string
) {
  return createHmac('sha256', secret)
    .update(canonicalString(method, path, timestamp, nonce, body))
    .digest('hex')
}

export function signatureMatches(expectedHex: string, givenHex: string) {
  const expected = Buffer.from(expectedHex, 'hex')
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(givenHex) ? givenHex : '', 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export function timestampFresh(timestamp: string, now = Date.now()) {
  return (
    /^\d{1,12}$/.test(timestamp) && Math.abs(now / 1000 - Number(timestamp)) <= MAX_SKEW_SECONDS
  )
}

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/** headers for a signed request (our webhooks; tests playing the platform) */
export function signedHeaders(
  credentials: { appId: string; secret: string },
  method: string,
  path: string,
  body: string,
  nonce: string,
  now = Date.now()
): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000))
  return {
    'content-type': 'application/json',
    'x-app-id': credentials.appId,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signRequest(credentials.secret, method, path, timestamp, nonce, body),
  }
}
