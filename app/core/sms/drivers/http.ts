import { createHmac, randomUUID } from 'node:crypto'
import { SmsDeliveryError, type SmsDriver } from './contract.js'

export interface HttpSmsConfig {
  url: string
  appId: string
  secret: string
  signName: string
  timeoutMs: number
}

/**
 * A real SMS provider over HTTPS (JSON API, HMAC-SHA256 signed).
 *
 * POST {url}
 *   headers: X-App-Id, X-Timestamp, X-Nonce,
 *            X-Signature = hex(HMAC-SHA256(secret, appId\ntimestamp\nnonce\nbody))
 *   body: { "phone": "...", "sign": "...", "content": "..." }
 * response: { "code": 0, "message": "OK", "messageId": "..." } (code ≠ 0 is a failure)
 */
export class HttpSmsDriver implements SmsDriver {
  readonly name = 'http'
  readonly sandbox = false

  constructor(private config: HttpSmsConfig) {}

  static signature(secret: string, appId: string, timestamp: string, nonce: string, body: string) {
    return createHmac('sha256', secret).update(`${appId}\n${timestamp}\n${nonce}\n${body}`).digest('hex')
  }

  async send(phone: string, content: string) {
    if (!this.config.url || !this.config.appId || !this.config.secret) {
      throw new SmsDeliveryError('短信网关未配置（SMS_HTTP_URL / SMS_HTTP_APP_ID / SMS_HTTP_SECRET）')
    }
    const body = JSON.stringify({ phone, sign: this.config.signName, content })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = randomUUID()
    let response: Response
    try {
      response = await fetch(this.config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-app-id': this.config.appId,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': HttpSmsDriver.signature(this.config.secret, this.config.appId, timestamp, nonce, body),
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      })
    } catch (error) {
      throw new SmsDeliveryError(`短信网关连接失败：${(error as Error).message}`)
    }
    let payload: any = null
    try {
      payload = await response.json()
    } catch (error) {
      /* the body did not arrive in time (or the connection dropped): not the provider's answer */
      const name = (error as Error).name
      if (name === 'TimeoutError' || name === 'AbortError' || (error as any)?.cause?.code) {
        throw new SmsDeliveryError(`短信网关连接失败：${(error as Error).message}`)
      }
      /* otherwise: not JSON */
    }
    if (!response.ok || !payload || payload.code !== 0) {
      const reason = payload?.message ?? `HTTP ${response.status}`
      throw new SmsDeliveryError(`短信发送失败：${reason}`)
    }
    return { providerMessageId: payload.messageId ? String(payload.messageId) : null }
  }
}
