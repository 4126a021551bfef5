import { DateTime } from 'luxon'
import { fenToYuanString, parseYuan } from '#core/money'
import {
  GatewayError,
  NotificationRejected,
  QrDriver,
  notYetPaid,
  type GatewayOrder,
  type GatewayResult,
  type NotificationAnswer,
  type RawNotification,
} from './contract.js'
import { GatewayKeys, rsaSha256Sign, rsaSha256Verify } from './keys.js'

/** Alipay calls SHA256-with-RSA "RSA2" */
export { rsaSha256Sign as rsa2Sign, rsaSha256Verify as rsa2Verify }

/**
 * Alipay 当面付 (face-to-face, QR shown by the merchant):
 *
 *  - requests are form posts to the gateway with the common parameters and
 *    `biz_content`; `sign` is RSA2 (SHA256-with-RSA, base64) over every
 *    non-empty parameter except `sign`, sorted by name, joined as k=v&k=v;
 *  - answers carry `sign` over the exact JSON text of `<method>_response`,
 *    verified with the Alipay public key;
 *  - asynchronous notifications (form posts) carry `sign` over every
 *    parameter except `sign` and `sign_type`, sorted, k=v&k=v; the merchant
 *    answers the plain text `success`.
 */
export interface AlipayConfig {
  gateway: string
  appId: string
  privateKey: string
  alipayPublicKey: string
  sellerId: string
  notifyUrl: string
  timeoutMs: number
}

/**
 * The string Alipay signs: non-empty parameters except the excluded ones,
 * sorted by name (byte order), joined as k=v with &.
 */
export function alipaySignContent(
  params: Record<string, string | undefined | null>,
  exclude: string[] = ['sign']
) {
  return Object.keys(params)
    .filter(
      (k) =>
        !exclude.includes(k) && params[k] !== undefined && params[k] !== null && params[k] !== ''
    )
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&')
}

/**
 * The exact JSON text of `"key": {...}` in an answer (the signature covers
 * these bytes, not a re-serialisation).
 */
export function extractSignedContent(raw: string, key: string): string | null {
  const marker = `"${key}"`
  let i = raw.indexOf(marker)
  if (i < 0) return null
  i += marker.length
  while (i < raw.length && /\s/.test(raw[i])) i++
  if (raw[i] !== ':') return null
  i++
  while (i < raw.length && /\s/.test(raw[i])) i++
  if (raw[i] !== '{') return null
  const start = i
  let depth = 0
  let inString = false
  for (; i < raw.length; i++) {
    const ch = raw[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
      continue
    }
    if (ch === '"') inString = true
    else if (ch === '{') depth++
    else if (ch === '}') {
      depth--
      if (depth === 0) return raw.slice(start, i + 1)
    }
  }
  return null
}

/**
 * Alipay's time format (Beijing time).
 */
export function alipayTime(ms: number) {
  return DateTime.fromMillis(ms).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm:ss')
}

function parseAlipayTime(value: unknown): DateTime | null {
  if (typeof value !== 'string' || !value) return null
  const dt = DateTime.fromFormat(value, 'yyyy-MM-dd HH:mm:ss', { zone: 'Asia/Shanghai' })
  return dt.isValid ? dt.toUTC() : null
}

const TRADE_STATUSES: Record<string, GatewayResult['state']> = {
  TRADE_SUCCESS: 'paid',
  TRADE_FINISHED: 'paid',
  WAIT_BUYER_PAY: 'pending',
  TRADE_CLOSED: 'closed',
}

export class AlipayDriver extends QrDriver<AlipayConfig> {
  readonly method = 'alipay' as const
  readonly scanHint = '请使用支付宝“扫一扫”扫描二维码完成支付'

  /** ours (signs requests) and Alipay's public key (verifies its answers) */
  readonly keys = new GatewayKeys(this.config.privateKey, this.config.alipayPublicKey)

  isConfigured() {
    return Boolean(this.config.gateway && this.config.appId && this.keys.load())
  }

  async createQr(order: GatewayOrder) {
    const minutes = Math.max(
      1,
      Math.round(order.expiresAt.diff(DateTime.fromMillis(this.now()), 'minutes').minutes)
    )
    const answer = await this.call(
      'alipay.trade.precreate',
      {
        out_trade_no: order.outTradeNo,
        total_amount: fenToYuanString(order.amountFen),
        subject: order.subject.slice(0, 256),
        timeout_express: `${minutes}m`,
      },
      true
    )
    if (answer.code !== '10000' || typeof answer.qr_code !== 'string') {
      throw new GatewayError(
        `支付宝下单失败：${answer.sub_msg ?? answer.msg ?? '未知错误'}`,
        answer
      )
    }
    if (answer.out_trade_no && answer.out_trade_no !== order.outTradeNo) {
      throw new GatewayError('支付宝下单结果与订单不符', answer)
    }
    return { codeUrl: answer.qr_code as string, data: { qr_code: answer.qr_code } }
  }

  async query(outTradeNo: string): Promise<GatewayResult> {
    const answer = await this.call('alipay.trade.query', { out_trade_no: outTradeNo })
    if (answer.code === '40004' && answer.sub_code === 'ACQ.TRADE_NOT_EXIST') {
      return notYetPaid(outTradeNo, answer)
    }
    if (answer.code !== '10000') {
      throw new GatewayError(
        `支付宝查询失败：${answer.sub_msg ?? answer.msg ?? '未知错误'}`,
        answer
      )
    }
    if (answer.out_trade_no !== outTradeNo)
      throw new GatewayError('支付宝查询结果与订单不符', answer)
    const state = TRADE_STATUSES[answer.trade_status] ?? 'pending'
    return {
      outTradeNo,
      state,
      amountFen: parseYuan(answer.total_amount),
      transactionId: answer.trade_no ?? null,
      paidAt: parseAlipayTime(answer.send_pay_date),
      reason: state === 'closed' ? '交易已关闭' : null,
      data: answer,
    }
  }

  async close(outTradeNo: string) {
    const answer = await this.call('alipay.trade.close', { out_trade_no: outTradeNo })
    if (answer.code !== '10000' && answer.sub_code !== 'ACQ.TRADE_NOT_EXIST') {
      throw new GatewayError(
        `支付宝关单失败：${answer.sub_msg ?? answer.msg ?? '未知错误'}`,
        answer
      )
    }
  }

  async parseNotification(notification: RawNotification): Promise<GatewayResult | null> {
    const params: Record<string, string> = {}
    for (const [key, value] of new URLSearchParams(notification.body)) params[key] = value
    if (!params.sign) throw new NotificationRejected('缺少签名')
    if (params.sign_type && params.sign_type !== 'RSA2')
      throw new NotificationRejected('不支持的签名类型')
    if (
      !rsaSha256Verify(
        this.keys.gateway,
        alipaySignContent(params, ['sign', 'sign_type']),
        params.sign
      )
    ) {
      throw new NotificationRejected('签名验证失败')
    }
    if (params.app_id !== this.config.appId) throw new NotificationRejected('应用 ID 不匹配')
    if (this.config.sellerId && params.seller_id !== this.config.sellerId) {
      throw new NotificationRejected('收款账号不匹配')
    }
    if (!params.out_trade_no) throw new NotificationRejected('缺少商户订单号')
    if (!params.trade_status) return null
    const state = TRADE_STATUSES[params.trade_status] ?? 'pending'
    const data = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'sign'))
    return {
      outTradeNo: params.out_trade_no,
      state,
      amountFen: parseYuan(params.total_amount),
      transactionId: params.trade_no ?? null,
      paidAt: parseAlipayTime(params.gmt_payment),
      reason: state === 'closed' ? '交易已关闭' : null,
      data,
    }
  }

  answer(ok: boolean, _message?: string, status = 400): NotificationAnswer {
    return {
      status: ok ? 200 : status,
      contentType: 'text/plain; charset=utf-8',
      body: ok ? 'success' : 'fail',
    }
  }

  /**
   * The signed request parameters of one API call.
   */
  signedParams(method: string, biz: Record<string, unknown>, withNotify = false) {
    const params: Record<string, string> = {
      app_id: this.config.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: alipayTime(this.now()),
      version: '1.0',
      biz_content: JSON.stringify(biz),
    }
    if (withNotify) params.notify_url = this.config.notifyUrl
    params.sign = rsaSha256Sign(this.keys.own, alipaySignContent(params))
    return params
  }

  /** one signed gateway call; the verified answer (or a signed error_response) */
  async call(
    method: string,
    biz: Record<string, unknown>,
    withNotify = false
  ): Promise<Record<string, any>> {
    const params = this.signedParams(method, biz, withNotify)
    let text: string
    let status: number
    try {
      const response = await fetch(this.config.gateway, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8',
          'Accept': 'application/json',
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      })
      status = response.status
      text = await response.text()
    } catch (error) {
      throw new GatewayError(`无法连接支付宝：${(error as Error).message}`)
    }
    let json: any
    try {
      json = JSON.parse(text)
    } catch {
      throw new GatewayError(`支付宝应答无效（HTTP ${status}）`)
    }
    const key =
      json && `${method.replace(/\./g, '_')}_response` in json
        ? `${method.replace(/\./g, '_')}_response`
        : 'error_response'
    const content = extractSignedContent(text, key)
    if (!content || typeof json[key] !== 'object') throw new GatewayError('支付宝应答格式不正确')
    if (key === 'error_response' && typeof json.sign !== 'string') {
      /* gateway-level errors (unknown app, bad request signature) come unsigned */
      throw new GatewayError(
        `支付宝拒绝了请求：${json[key].sub_msg ?? json[key].msg ?? '未知错误'}`,
        json[key]
      )
    }
    if (typeof json.sign !== 'string' || !rsaSha256Verify(this.keys.gateway, content, json.sign)) {
      throw new GatewayError('支付宝应答验签失败')
    }
    return json[key]
  }
}
