import { verifySignedJson } from '#core/signed_json'
import { CallbackRejected, type FaceResult, type RawCallback } from './contract.js'

/**
 * The callback of a face-liveness session, as the real provider and the
 * sandbox both send it to POST /realname/callback/face:
 *
 *   headers X-App-Id, X-Timestamp, X-Nonce, X-Signature (#core/signed_json)
 *   body    { "bizToken": "<provider session>", "outId": "<our request id>",
 *             "result": "pass" | "fail", "message": "..." }
 *   answer  { "code": 0, "message": "成功" } (anything else: the provider retries)
 */
export interface CallbackCredentials {
  appId: string
  secret: string
  maxClockSkewSeconds: number
}

const REFUSALS = {
  unsigned: '回调缺少签名',
  stale: '回调签名时间戳已过期',
  signature: '回调签名验证失败',
  json: '回调内容不是有效的 JSON',
} as const

export function readFaceCallback(
  credentials: CallbackCredentials,
  callback: RawCallback,
  now: number = Date.now()
): FaceResult {
  const checked = verifySignedJson(credentials, callback.headers, callback.body, now)
  if (!checked.ok) throw new CallbackRejected(REFUSALS[checked.reason])
  const payload = checked.payload
  if (
    typeof payload?.bizToken !== 'string' ||
    typeof payload?.outId !== 'string' ||
    (payload.result !== 'pass' && payload.result !== 'fail')
  ) {
    throw new CallbackRejected('回调内容不完整')
  }
  const passed = payload.result === 'pass'
  const message =
    typeof payload.message === 'string' && payload.message.trim()
      ? payload.message.trim().slice(0, 200)
      : passed
        ? '人脸识别通过'
        : '人脸识别未通过'
  return { requestId: payload.outId, providerRef: payload.bizToken, passed, message }
}

/** the callback's body for a result (the sandbox builds what the provider would send) */
export function faceCallbackBody(result: FaceResult): string {
  return JSON.stringify({
    bizToken: result.providerRef,
    outId: result.requestId,
    result: result.passed ? 'pass' : 'fail',
    message: result.message,
  })
}
