import { createHmac, randomBytes } from 'node:crypto'
import { signedJsonHeaders } from '#core/signed_json'
import type { FaceProvider, FaceSession, FaceStart, RawCallback } from './contract.js'
import { faceCallbackBody, readFaceCallback } from './face_callback.js'

export interface SandboxFaceConfig {
  /** APP_KEY: the sandbox's callback secret is derived from it */
  appKey: string
  maxClockSkewSeconds: number
  /** the path of the sandbox's H5 page for a session token */
  pagePath: (token: string) => string
}

/**
 * 人脸识别 in the sandbox (沙箱): no camera, no provider. A session is a
 * random token; its "H5 page" is CertDesk's own /realname/sandbox/face/:token
 * (QR code or link), with 模拟识别成功 / 模拟识别失败 buttons that post the
 * very callback a real provider would send (signed with a secret derived
 * from APP_KEY), through the same verified path.
 */
export class SandboxFaceProvider implements FaceProvider {
  readonly name = 'sandbox'
  readonly sandbox = true
  readonly rules =
    '沙箱规则：不调用摄像头，扫码或点击链接打开模拟识别页，点击“模拟识别成功”或“模拟识别失败”即返回相应结果。'

  readonly #credentials: { appId: string; secret: string; maxClockSkewSeconds: number }

  constructor(private config: SandboxFaceConfig) {
    this.#credentials = {
      appId: 'certdesk-sandbox',
      secret: createHmac('sha256', config.appKey).update('realname-face-sandbox').digest('hex'),
      maxClockSkewSeconds: config.maxClockSkewSeconds,
    }
  }

  async start(_input: FaceStart): Promise<FaceSession> {
    const token = randomBytes(24).toString('base64url')
    return { providerRef: token, h5Url: this.config.pagePath(token) }
  }

  parseCallback(callback: RawCallback) {
    return readFaceCallback(this.#credentials, callback)
  }

  /**
   * What the sandbox "provider" posts when the tester presses a button.
   */
  buildCallback(session: { requestId: string; providerRef: string }, passed: boolean): RawCallback {
    const body = faceCallbackBody({
      ...session,
      passed,
      message: passed ? '人脸识别通过（沙箱模拟）' : '人脸识别未通过（沙箱模拟）',
    })
    return { headers: signedJsonHeaders(this.#credentials, body), body }
  }
}
