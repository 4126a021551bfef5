import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'

/**
 * The JSON-over-HTTPS convention of our outbound providers (SMS gateway,
 * identity checks) and of their callbacks to us (face liveness results):
 * HMAC-SHA256 signed requests.
 *
 * POST {url}
 *   headers: X-App-Id, X-Timestamp, X-Nonce,
 *            X-Signature = hex(HMAC-SHA256(secret, appId\ntimestamp\nnonce\nbody))
 *   body: JSON
 * response: JSON with "code": 0 on success.
 *
 * `postSignedJson` sends one; `verifySignedJson` checks one that a
 * provider sent us (same headers, same secret).
 */
export interface SignedJsonConfig {
  url: string
  appId: string
  secret: string
  timeoutMs: number
}

export function signJsonRequest(
  secret: string,
  appId: string,
  timestamp: string,
  nonce: string,
  body: string
) {
  return createHmac('sha256', secret)
    .update(`${appId}\n${timestamp}\n${nonce}\n${body}`)
    .digest('hex')
}

/**
 * Why a call did not produce the provider's answer: "connection" (never
 * reached it, timed out, dropped), or "answer" (it answered, not code 0).
 */
export class SignedJsonError extends Error {
  constructor(
    message: string,
    public kind: 'connection' | 'answer',
    public payload: any = null
  ) {
    super(message)
  }
}

/**
 * The headers that sign a JSON body (lower-case names).
 */
export function signedJsonHeaders(
  credentials: { appId: string; secret: string },
  body: string,
  now: number = Date.now()
): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000))
  const nonce = randomUUID()
  return {
    'content-type': 'application/json',
    'x-app-id': credentials.appId,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signJsonRequest(credentials.secret, credentials.appId, timestamp, nonce, body),
  }
}

export type SignedJsonCheck =
  { ok: true; payload: any } | { ok: false; reason: 'unsigned' | 'stale' | 'signature' | 'json' }

/**
 * Check a signed JSON request a provider sent us: its app id, a timestamp
 * within `maxClockSkewSeconds` of ours, the HMAC over the exact body bytes
 * (compared in constant time), then the JSON. Headers are read by their
 * lower-case names.
 */
export function verifySignedJson(
  credentials: { appId: string; secret: string; maxClockSkewSeconds: number },
  headers: Record<string, string | undefined>,
  body: string,
  now: number = Date.now()
): SignedJsonCheck {
  const appId = headers['x-app-id']
  const timestamp = headers['x-timestamp']
  const nonce = headers['x-nonce']
  const signature = headers['x-signature']
  if (!appId || !timestamp || !nonce || !signature || !credentials.secret) {
    return { ok: false, reason: 'unsigned' }
  }
  if (
    !/^\d{1,12}$/.test(timestamp) ||
    Math.abs(now / 1000 - Number(timestamp)) > credentials.maxClockSkewSeconds
  ) {
    return { ok: false, reason: 'stale' }
  }
  const expected = Buffer.from(
    signJsonRequest(credentials.secret, credentials.appId, timestamp, nonce, body),
    'hex'
  )
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : '', 'hex')
  if (
    appId !== credentials.appId ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    return { ok: false, reason: 'signature' }
  }
  try {
    return { ok: true, payload: JSON.parse(body) }
  } catch {
    return { ok: false, reason: 'json' }
  }
}

/**
 * POST a signed JSON body; returns the parsed answer when its code is 0.
 */
export async function postSignedJson(config: SignedJsonConfig, data: unknown): Promise<any> {
  const body = JSON.stringify(data)
  let response: Response
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: signedJsonHeaders(config, body),
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    })
  } catch (error) {
    throw new SignedJsonError((error as Error).message, 'connection')
  }
  let payload: any = null
  try {
    payload = await response.json()
  } catch (error) {
    /* the body did not arrive in time (or the connection dropped): not the provider's answer */
    const name = (error as Error).name
    if (name === 'TimeoutError' || name === 'AbortError' || (error as any)?.cause?.code) {
      throw new SignedJsonError((error as Error).message, 'connection')
    }
    /* otherwise: not JSON */
  }
  if (!response.ok || !payload || payload.code !== 0) {
    throw new SignedJsonError(payload?.message ?? `HTTP ${response.status}`, 'answer', payload)
  }
  return payload
}
