import { postSignedJson, signJsonRequest, SignedJsonError } from '#core/signed_json'
import { SmsDeliveryError, type SmsDriver } from './contract.js'

export interface HttpSmsConfig {
  url: string
  appId: string
  secret: string
  signName: string
  timeoutMs: number
}

/**
 * A real SMS provider over HTTPS, signed as described in #core/signed_json.
 *   body: { "phone": "...", "sign": "...", "content": "..." }
 *   response: { "code": 0, "message": "OK", "messageId": "..." } (code ≠ 0 is a failure)
 */
export class HttpSmsDriver implements SmsDriver {
  readonly name = 'http'
  readonly sandbox = false

  constructor(private config: HttpSmsConfig) {}

  static signature = signJsonRequest

  async send(phone: string, content: string) {
    if (!this.config.url || !this.config.appId || !this.config.secret) {
      throw new SmsDeliveryError(
        '短信网关未配置（SMS_HTTP_URL / SMS_HTTP_APP_ID / SMS_HTTP_SECRET）'
      )
    }
    try {
      const payload = await postSignedJson(this.config, {
        phone,
        sign: this.config.signName,
        content,
      })
      return { providerMessageId: payload.messageId ? String(payload.messageId) : null }
    } catch (error) {
      if (!(error instanceof SignedJsonError)) throw error
      throw new SmsDeliveryError(
        error.kind === 'connection'
          ? `短信网关连接失败：${error.message}`
          : `短信发送失败：${error.message}`
      )
    }
  }
}
