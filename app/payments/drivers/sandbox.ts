import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import {
  NotificationRejected,
  QrDriver,
  freshTimestamp,
  jsonAnswer,
  notificationJson,
  type GatewayOrder,
  type GatewayResult,
  type RawNotification,
} from './contract.js'

/**
 * The sandbox gateway (沙箱支付), on by default for demos and tests: the QR
 * code opens a local cashier page (/payments/sandbox/:id?t=…) with 模拟支付成功
 * and 模拟支付失败. Its buttons post a notification signed with a key derived
 * from APP_KEY through the same verified path as the real gateways:
 *
 *   headers X-Sandbox-Timestamp, X-Sandbox-Nonce,
 *           X-Sandbox-Signature = hex(HMAC-SHA256(key, "TIMESTAMP\nNONCE\nBODY\n"))
 *   body    {"out_trade_no","trade_state":"SUCCESS"|"PAYERROR","amount_fen","transaction_id","success_time"}
 */
export interface SandboxConfig {
  secret: Buffer
  appUrl: string
  maxClockSkewSeconds: number
}

export class SandboxDriver extends QrDriver<SandboxConfig> {
  readonly method = 'sandbox' as const
  readonly sandbox = true
  readonly scanHint =
    '沙箱环境：用手机扫码或点击下方“打开沙箱收银台”，模拟支付成功或失败，不会真实扣款'

  isConfigured() {
    return this.config.secret.length >= 32
  }

  /**
   * The capability in the cashier URL: whoever holds the QR code may pay,
   * like a real gateway's code; a bare payment id is not enough.
   */
  cashierToken(paymentId: string): string {
    return createHmac('sha256', this.config.secret)
      .update(`cashier\n${paymentId}`)
      .digest('base64url')
      .slice(0, 32)
  }

  checkCashierToken(paymentId: string, token: unknown): boolean {
    if (typeof token !== 'string') return false
    const expected = Buffer.from(this.cashierToken(paymentId))
    const given = Buffer.from(token)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  cashierPath(paymentId: string) {
    return urlFor(
      'payments.sandbox.show',
      { id: paymentId },
      { qs: { t: this.cashierToken(paymentId) } }
    )
  }

  async createQr(order: GatewayOrder) {
    const codeUrl = `${this.config.appUrl}${this.cashierPath(order.paymentId)}`
    return { codeUrl, data: { cashier: 'sandbox' } }
  }

  signature(timestamp: string, nonce: string, body: string) {
    return createHmac('sha256', this.config.secret)
      .update(`${timestamp}\n${nonce}\n${body}\n`)
      .digest('hex')
  }

  /**
   * What the sandbox "gateway" sends when the tester presses a button.
   */
  buildNotification(input: {
    outTradeNo: string
    amountFen: number
    success: boolean
  }): RawNotification {
    const body = JSON.stringify({
      out_trade_no: input.outTradeNo,
      trade_state: input.success ? 'SUCCESS' : 'PAYERROR',
      trade_state_desc: input.success ? '支付成功' : '模拟支付失败',
      amount_fen: input.amountFen,
      transaction_id: input.success
        ? `SANDBOX${Date.now()}${randomBytes(3).toString('hex')}`
        : null,
      success_time: input.success ? DateTime.fromMillis(this.now()).toUTC().toISO() : null,
    })
    const timestamp = String(Math.floor(this.now() / 1000))
    const nonce = randomBytes(12).toString('hex')
    return {
      headers: {
        'content-type': 'application/json',
        'x-sandbox-timestamp': timestamp,
        'x-sandbox-nonce': nonce,
        'x-sandbox-signature': this.signature(timestamp, nonce, body),
      },
      body,
    }
  }

  async parseNotification(notification: RawNotification): Promise<GatewayResult | null> {
    const timestamp = notification.headers['x-sandbox-timestamp']
    const nonce = notification.headers['x-sandbox-nonce']
    const signature = notification.headers['x-sandbox-signature']
    if (!timestamp || !nonce || !signature) throw new NotificationRejected('缺少沙箱签名')
    if (!freshTimestamp(timestamp, this.now(), this.config.maxClockSkewSeconds)) {
      throw new NotificationRejected('签名时间戳已过期')
    }
    const expected = Buffer.from(this.signature(timestamp, nonce, notification.body), 'hex')
    const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : '', 'hex')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new NotificationRejected('签名验证失败')
    }
    const payload = notificationJson(notification.body)
    if (typeof payload?.out_trade_no !== 'string') throw new NotificationRejected('缺少商户订单号')
    const paid = payload.trade_state === 'SUCCESS'
    const paidAt =
      paid && payload.success_time ? DateTime.fromISO(payload.success_time, { zone: 'utc' }) : null
    return {
      outTradeNo: payload.out_trade_no,
      state: paid ? 'paid' : 'failed',
      amountFen: Number.isInteger(payload.amount_fen) ? payload.amount_fen : null,
      transactionId: typeof payload.transaction_id === 'string' ? payload.transaction_id : null,
      paidAt: paidAt?.isValid ? paidAt : null,
      reason: paid ? null : (payload.trade_state_desc ?? '支付失败'),
      data: payload,
    }
  }

  answer(ok: boolean, message?: string, status?: number) {
    return jsonAnswer(ok, message, status)
  }
}
