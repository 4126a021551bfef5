import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto'
import { DateTime } from 'luxon'
import {
  GatewayError,
  NotificationRejected,
  QrDriver,
  freshTimestamp,
  jsonAnswer,
  notYetPaid,
  notificationJson,
  type GatewayOrder,
  type GatewayResult,
  type RawNotification,
} from './contract.js'
import { GatewayKeys, rsaSha256Sign, rsaSha256Verify } from './keys.js'

export { rsaSha256Sign, rsaSha256Verify }

/**
 * WeChat Pay API v3, Native payments (扫码支付):
 *
 *  - requests carry `Authorization: WECHATPAY2-SHA256-RSA2048 mchid=…,nonce_str=…,
 *    timestamp=…,serial_no=…,signature=…`, the signature being SHA256-with-RSA of
 *    "METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n" with the merchant API private key;
 *  - answers and notifications are signed by WeChat Pay over
 *    "TIMESTAMP\nNONCE\nBODY\n" (headers Wechatpay-Timestamp/-Nonce/-Signature/-Serial),
 *    verified with the platform certificate or WeChat Pay public key whose serial/id
 *    is configured;
 *  - the notification's `resource` is AEAD_AES_256_GCM-encrypted with the APIv3 key.
 */
export interface WechatPayConfig {
  baseUrl: string
  appId: string
  mchId: string
  merchantSerialNo: string
  merchantPrivateKey: string
  apiV3Key: string
  platformSerial: string
  platformPublicKey: string
  notifyUrl: string
  timeoutMs: number
  maxClockSkewSeconds: number
}

export const WECHATPAY_AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048'

/**
 * The signed message: each part followed by "\n".
 */
export function wechatpayMessage(...parts: string[]): string {
  return parts.map((p) => `${p}\n`).join('')
}

export interface AuthorizationInput {
  mchId: string
  serialNo: string
  privateKey: KeyObject | string
  method: string
  /** path and query, e.g. /v3/pay/transactions/native */
  url: string
  body: string
  timestamp?: string
  nonce?: string
}

/**
 * The Authorization header of a request to WeChat Pay.
 */
export function wechatpayAuthorization(input: AuthorizationInput): string {
  const timestamp = input.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = input.nonce ?? randomBytes(16).toString('hex').toUpperCase()
  const signature = rsaSha256Sign(
    input.privateKey,
    wechatpayMessage(input.method.toUpperCase(), input.url, timestamp, nonce, input.body)
  )
  return (
    `${WECHATPAY_AUTH_SCHEMA} mchid="${input.mchId}",nonce_str="${nonce}",` +
    `timestamp="${timestamp}",serial_no="${input.serialNo}",signature="${signature}"`
  )
}

/**
 * Parse an Authorization header back into its fields (for tests and logs).
 */
export function parseWechatpayAuthorization(header: string): Record<string, string> | null {
  if (!header.startsWith(`${WECHATPAY_AUTH_SCHEMA} `)) return null
  const fields: Record<string, string> = {}
  const re = /(\w+)="([^"]*)"/g
  let match: RegExpExecArray | null
  while ((match = re.exec(header.slice(WECHATPAY_AUTH_SCHEMA.length + 1))))
    fields[match[1]] = match[2]
  return fields
}

export interface WechatpayResource {
  algorithm?: string
  ciphertext: string
  associated_data?: string
  nonce: string
  original_type?: string
}

/**
 * Decrypt a notification resource: base64(ciphertext || 16-byte tag),
 * AES-256-GCM with the APIv3 key, the 12-character nonce and associated data.
 */
export function decryptWechatpayResource(apiV3Key: string, resource: WechatpayResource): string {
  const key = Buffer.from(apiV3Key, 'utf8')
  if (key.length !== 32) throw new Error('APIv3 key must be 32 bytes')
  const data = Buffer.from(resource.ciphertext, 'base64')
  if (data.length < 17) throw new Error('ciphertext too short')
  const tag = data.subarray(data.length - 16)
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(resource.nonce, 'utf8'))
  decipher.setAuthTag(tag)
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
  return Buffer.concat([
    decipher.update(data.subarray(0, data.length - 16)),
    decipher.final(),
  ]).toString('utf8')
}

/**
 * The reverse of decryptWechatpayResource (what WeChat Pay does; used to
 * build test vectors).
 */
export function encryptWechatpayResource(
  apiV3Key: string,
  plaintext: string,
  nonce: string,
  associatedData: string
) {
  const cipher = createCipheriv(
    'aes-256-gcm',
    Buffer.from(apiV3Key, 'utf8'),
    Buffer.from(nonce, 'utf8')
  )
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const encrypted = Buffer.concat([
    cipher.update(plaintext, 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ])
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encrypted.toString('base64'),
    associated_data: associatedData,
    nonce,
    original_type: 'transaction',
  }
}

/**
 * At most `maxBytes` UTF-8 bytes (WeChat's description is limited to 127).
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  let out = ''
  let bytes = 0
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8')
    if (bytes + size > maxBytes) break
    out += ch
    bytes += size
  }
  return out
}

const TRADE_STATES: Record<string, GatewayResult['state']> = {
  SUCCESS: 'paid',
  /** paid, then (partly) refunded: it was paid */
  REFUND: 'paid',
  NOTPAY: 'pending',
  USERPAYING: 'pending',
  CLOSED: 'closed',
  REVOKED: 'closed',
  PAYERROR: 'failed',
}

export class WechatPayDriver extends QrDriver<WechatPayConfig> {
  readonly method = 'wechatpay' as const
  readonly scanHint = '请使用微信“扫一扫”扫描二维码完成支付'

  /** the merchant's private key (signs requests) and the platform certificate's key (verifies) */
  readonly keys = new GatewayKeys(this.config.merchantPrivateKey, this.config.platformPublicKey)

  isConfigured() {
    const c = this.config
    return Boolean(
      c.appId &&
      c.mchId &&
      c.merchantSerialNo &&
      Buffer.byteLength(c.apiV3Key, 'utf8') === 32 &&
      c.platformSerial &&
      this.keys.load()
    )
  }

  async createQr(order: GatewayOrder) {
    const body = JSON.stringify({
      appid: this.config.appId,
      mchid: this.config.mchId,
      description: truncateUtf8(order.subject, 127),
      out_trade_no: order.outTradeNo,
      time_expire: order.expiresAt.setZone('Asia/Shanghai').toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"),
      notify_url: this.config.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
    })
    const res = await this.request('POST', '/v3/pay/transactions/native', body)
    if (res.status !== 200 || typeof res.json?.code_url !== 'string') {
      throw new GatewayError(
        `微信支付下单失败：${res.json?.message ?? `HTTP ${res.status}`}`,
        res.json
      )
    }
    return { codeUrl: res.json.code_url as string, data: { code_url: res.json.code_url } }
  }

  async query(outTradeNo: string): Promise<GatewayResult> {
    const url = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.config.mchId)}`
    const res = await this.request('GET', url, '')
    if (res.status === 404 && res.json?.code === 'ORDER_NOT_EXIST') {
      return notYetPaid(outTradeNo, res.json)
    }
    if (res.status !== 200 || !res.json) {
      throw new GatewayError(
        `微信支付查询失败：${res.json?.message ?? `HTTP ${res.status}`}`,
        res.json
      )
    }
    if (res.json.out_trade_no !== outTradeNo) throw new GatewayError('微信支付查询结果与订单不符')
    try {
      return this.toResult(res.json)
    } catch (error) {
      throw new GatewayError(`微信支付查询结果无效：${(error as Error).message}`)
    }
  }

  async close(outTradeNo: string) {
    const url = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`
    const res = await this.request('POST', url, JSON.stringify({ mchid: this.config.mchId }))
    if (res.status !== 204 && res.status !== 200) {
      throw new GatewayError(
        `微信支付关单失败：${res.json?.message ?? `HTTP ${res.status}`}`,
        res.json
      )
    }
  }

  async parseNotification(notification: RawNotification): Promise<GatewayResult | null> {
    this.verifySigned(
      notification.headers,
      notification.body,
      (reason) => new NotificationRejected(reason)
    )
    const payload = notificationJson(notification.body)
    if (typeof payload?.event_type !== 'string' || !payload.event_type.startsWith('TRANSACTION.'))
      return null
    const resource = payload.resource
    if (
      !resource ||
      resource.algorithm !== 'AEAD_AES_256_GCM' ||
      typeof resource.ciphertext !== 'string'
    ) {
      throw new NotificationRejected('通知资源格式不正确')
    }
    let transaction: any
    try {
      transaction = JSON.parse(decryptWechatpayResource(this.config.apiV3Key, resource))
    } catch {
      throw new NotificationRejected('通知资源解密失败')
    }
    try {
      const result = this.toResult(transaction)
      result.data = {
        event_id: payload.id,
        event_type: payload.event_type,
        create_time: payload.create_time,
        transaction,
      }
      return result
    } catch (error) {
      throw new NotificationRejected((error as Error).message)
    }
  }

  answer(ok: boolean, message?: string, status?: number) {
    return jsonAnswer(ok, message, status)
  }

  /**
   * A transaction object (notification resource or query answer).
   */
  toResult(transaction: any): GatewayResult {
    if (!transaction || typeof transaction.out_trade_no !== 'string')
      throw new Error('缺少商户订单号')
    if (transaction.mchid !== this.config.mchId) throw new Error('商户号不匹配')
    if (transaction.appid !== this.config.appId) throw new Error('应用 ID 不匹配')
    const state = TRADE_STATES[transaction.trade_state] ?? 'pending'
    const total = transaction.amount?.total
    const paidAt = transaction.success_time ? DateTime.fromISO(transaction.success_time) : null
    return {
      outTradeNo: transaction.out_trade_no,
      state,
      amountFen: Number.isInteger(total) ? total : null,
      transactionId:
        typeof transaction.transaction_id === 'string' ? transaction.transaction_id : null,
      paidAt: paidAt?.isValid ? paidAt.toUTC() : null,
      reason:
        state === 'paid' ? null : (transaction.trade_state_desc ?? transaction.trade_state ?? null),
      data: transaction,
    }
  }

  /**
   * Check WeChat Pay's signature on an answer or a notification.
   */
  verifySigned(
    headers: Record<string, string | undefined>,
    body: string,
    fail: (reason: string) => Error
  ) {
    const timestamp = headers['wechatpay-timestamp']
    const nonce = headers['wechatpay-nonce']
    const signature = headers['wechatpay-signature']
    const serial = headers['wechatpay-serial']
    const type = headers['wechatpay-signature-type']
    if (!timestamp || !nonce || !signature || !serial) throw fail('缺少微信支付签名')
    if (type && type !== WECHATPAY_AUTH_SCHEMA) throw fail('不支持的签名类型')
    if (signature.startsWith('WECHATPAY/SIGNTEST/')) throw fail('签名探测请求')
    if (serial !== this.config.platformSerial) throw fail('平台证书序列号不匹配')
    if (!freshTimestamp(timestamp, this.now(), this.config.maxClockSkewSeconds)) {
      throw fail('签名时间戳已过期')
    }
    if (!rsaSha256Verify(this.keys.gateway, wechatpayMessage(timestamp, nonce, body), signature)) {
      throw fail('签名验证失败')
    }
  }

  /**
   * A signed call to WeChat Pay (payments here, refunds in
   * refunds/gateway_refunds.ts): the answer of a 2xx is verified and must
   * be JSON; another status comes back as it is for the caller to word.
   */
  async request(method: string, url: string, body: string) {
    const authorization = wechatpayAuthorization({
      mchId: this.config.mchId,
      serialNo: this.config.merchantSerialNo,
      privateKey: this.keys.own,
      method,
      url,
      body,
      timestamp: String(Math.floor(this.now() / 1000)),
    })
    let response: Response
    try {
      response = await fetch(this.config.baseUrl + url, {
        method,
        headers: {
          'Authorization': authorization,
          'Accept': 'application/json',
          'User-Agent': 'CertDesk',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body || undefined,
        signal: AbortSignal.timeout(this.config.timeoutMs),
      })
    } catch (error) {
      throw new GatewayError(`无法连接微信支付：${(error as Error).message}`)
    }
    const text = await response.text()
    const headers: Record<string, string | undefined> = {}
    response.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value
    })
    if (response.status >= 200 && response.status < 300) {
      this.verifySigned(
        headers,
        text,
        (reason) => new GatewayError(`微信支付应答验签失败：${reason}`)
      )
    }
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      if (response.status < 300) throw new GatewayError('微信支付应答不是有效的 JSON')
    }
    return { status: response.status, json, text }
  }
}
