import { createHmac, randomUUID } from 'node:crypto'

/**
 * The JSON-over-HTTPS convention of our outbound providers (SMS gateway,
 * identity check): HMAC-SHA256 signed requests.
 *
 * POST {url}
 *   headers: X-App-Id, X-Timestamp, X-Nonce,
 *            X-Signature = hex(HMAC-SHA256(secret, appId\ntimestamp\nnonce\nbody))
 *   body: JSON
 * response: JSON with "code": 0 on success.
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
 * POST a signed JSON body; returns the parsed answer when its code is 0.
 */
export async function postSignedJson(config: SignedJsonConfig, data: unknown): Promise<any> {
  const body = JSON.stringify(data)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomUUID()
  let response: Response
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-app-id': config.appId,
        'x-timestamp': timestamp,
        'x-nonce': nonce,
        'x-signature': signJsonRequest(config.secret, config.appId, timestamp, nonce, body),
      },
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
