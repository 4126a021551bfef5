import { postSignedJson, signJsonRequest, SignedJsonError } from '#core/signed_json'
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
 * A real identity-check provider (name + resident ID number), signed as
 * described in #core/signed_json.
 *   body: { "name": "...", "idNumber": "..." }
 *   response: { "code": 0, "result": "match" | "mismatch" | "not_found", "message": "..." }
 */
export class HttpRealNameProvider implements RealNameProvider {
  readonly name = 'http'
  readonly sandbox = false

  constructor(private config: HttpRealNameConfig) {}

  static signature = signJsonRequest

  async check(input: RealNameCheck): Promise<RealNameVerdict> {
    if (!this.config.url || !this.config.appId || !this.config.secret) {
      throw new RealNameProviderError('实名核验服务未配置')
    }
    let payload: any
    try {
      payload = await postSignedJson(this.config, { name: input.name, idNumber: input.idNumber })
    } catch (error) {
      if (!(error instanceof SignedJsonError)) throw error
      throw new RealNameProviderError(
        error.kind === 'connection'
          ? `实名核验服务连接失败：${error.message}`
          : `实名核验服务返回错误：${error.message}`
      )
    }
    if (payload.result === 'match') return { result: 'match' }
    if (payload.result === 'mismatch')
      return { result: 'mismatch', message: payload.message || '姓名与身份证号不一致' }
    if (payload.result === 'not_found')
      return { result: 'not_found', message: payload.message || '查无此身份证号' }
    throw new RealNameProviderError('实名核验服务返回了无法识别的结果')
  }
}
