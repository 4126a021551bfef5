import { createHmac, randomUUID } from 'node:crypto'
import {
  RealNameProviderError,
  type RealNameCheck,
  type RealNameProvider,
  type RealNameVerdict,
} from './contract.js'

export interface HttpRealNameConfig {
  url: string
  appId: string
  secret: string
  timeoutMs: number
}

/**
 * A real identity-check provider (name + resident ID number), JSON over
 * HTTPS, HMAC-SHA256 signed like the SMS gateway:
 *
 * POST {url}
 *   headers: X-App-Id, X-Timestamp, X-Nonce,
 *            X-Signature = hex(HMAC-SHA256(secret, appId\ntimestamp\nnonce\nbody))
 *   body: { "name": "...", "idNumber": "..." }
 * response: { "code": 0, "result": "match" | "mismatch" | "not_found", "message": "..." }
 */
export class HttpRealNameProvider implements RealNameProvider {
  readonly name = 'http'
  readonly sandbox = false

  constructor(private config: HttpRealNameConfig) {}

  static signature(secret: string, appId: string, timestamp: string, nonce: string, body: string) {
    return createHmac('sha256', secret).update(`${appId}\n${timestamp}\n${nonce}\n${body}`).digest('hex')
  }

  async check(input: RealNameCheck): Promise<RealNameVerdict> {
    if (!this.config.url || !this.config.appId || !this.config.secret) {
      throw new RealNameProviderError('实名核验服务未配置')
    }
    const body = JSON.stringify({ name: input.name, idNumber: input.idNumber })
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
          'x-signature': HttpRealNameProvider.signature(this.config.secret, this.config.appId, timestamp, nonce, body),
        },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      })
    } catch (error) {
      throw new RealNameProviderError(`实名核验服务连接失败：${(error as Error).message}`)
    }
    let payload: any = null
    try {
      payload = await response.json()
    } catch {
      /* not JSON */
    }
    if (!response.ok || !payload || payload.code !== 0) {
      throw new RealNameProviderError(`实名核验服务返回错误：${payload?.message ?? `HTTP ${response.status}`}`)
    }
    if (payload.result === 'match') return { result: 'match' }
    if (payload.result === 'mismatch') return { result: 'mismatch', message: payload.message || '姓名与身份证号不一致' }
    if (payload.result === 'not_found') return { result: 'not_found', message: payload.message || '查无此身份证号' }
    throw new RealNameProviderError('实名核验服务返回了无法识别的结果')
  }
}
