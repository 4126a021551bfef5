import { createHmac, randomUUID } from 'node:crypto'
import { groupCode, type UkeyUnlockProvider } from './contract.js'

/**
 * The key vendor's unlock service: POST `<url>` with JSON
 * `{ serial, challenge, timestamp, nonce }`, signed in the header
 * `X-Signature: HMAC-SHA256(secret, body)` (hex); it answers
 * `{ code: "<16 hex>" }` (200) or `{ message }` (4xx/5xx).
 */
export class HttpUkeyUnlock implements UkeyUnlockProvider {
  readonly name = 'http'
  readonly sandbox = false

  constructor(private config: { url: string; secret: string; timeoutMs?: number }) {}

  async unlockCode(input: { serial: string; challenge: string }) {
    const body = JSON.stringify({
      serial: input.serial,
      challenge: input.challenge,
      timestamp: Math.floor(Date.now() / 1000),
      nonce: randomUUID(),
    })
    const signature = createHmac('sha256', this.config.secret).update(body).digest('hex')
    const response = await fetch(this.config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature },
      body,
      signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
    })
    const data = (await response.json().catch(() => ({}))) as { code?: string; message?: string }
    if (!response.ok || typeof data.code !== 'string' || !/^[0-9A-Fa-f]{16}$/.test(data.code))
      throw new Error(`uKey unlock service answered ${response.status}`)
    return groupCode(data.code.toUpperCase())
  }
}
