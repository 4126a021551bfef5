import { postSignedJson, SignedJsonError, type SignedJsonConfig } from '#core/signed_json'
import {
  RealNameProviderError,
  type FaceProvider,
  type FaceSession,
  type FaceStart,
  type RawCallback,
} from './contract.js'
import { readFaceCallback } from './face_callback.js'

export interface HttpFaceConfig extends SignedJsonConfig {
  maxClockSkewSeconds: number
}

/**
 * A real face-liveness provider (人脸识别): we start a session, the phone
 * opens the provider's H5 page (QR code or link), the provider posts the
 * result to our callback (face_callback.ts) signed with the same secret.
 *
 *   POST {url}  body { "outId", "name", "idNumber", "notifyUrl", "returnUrl" }
 *   response    { "code": 0, "bizToken": "...", "h5Url": "https://..." }
 */
export class HttpFaceProvider implements FaceProvider {
  readonly name = 'http'
  readonly sandbox = false

  constructor(private config: HttpFaceConfig) {}

  async start(input: FaceStart): Promise<FaceSession> {
    if (!this.config.url || !this.config.appId || !this.config.secret) {
      throw new RealNameProviderError('人脸识别服务未配置')
    }
    let payload: any
    try {
      payload = await postSignedJson(this.config, {
        outId: input.requestId,
        name: input.name,
        idNumber: input.idNumber,
        notifyUrl: input.notifyUrl,
        returnUrl: input.returnUrl,
      })
    } catch (error) {
      if (!(error instanceof SignedJsonError)) throw error
      throw new RealNameProviderError(
        error.kind === 'connection'
          ? `人脸识别服务连接失败：${error.message}`
          : `人脸识别服务返回错误：${error.message}`
      )
    }
    const h5Url = typeof payload.h5Url === 'string' ? payload.h5Url : ''
    if (typeof payload.bizToken !== 'string' || !payload.bizToken || !/^https?:\/\//.test(h5Url)) {
      throw new RealNameProviderError('人脸识别服务返回了无法识别的结果')
    }
    return { providerRef: payload.bizToken.slice(0, 100), h5Url }
  }

  parseCallback(callback: RawCallback) {
    return readFaceCallback(this.config, callback)
  }
}
