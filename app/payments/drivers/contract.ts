import type { DateTime } from 'luxon'
import { PAYMENT_METHODS, type PaymentMethod } from '#payments/labels'

/**
 * What a driver needs to open a payment at its gateway.
 */
export interface GatewayOrder {
  paymentId: string
  outTradeNo: string
  amountFen: number
  subject: string
  expiresAt: DateTime
}

/**
 * A payment's state as the gateway reports it, after the report has been
 * verified (signature, serial, app id, merchant id).
 */
export interface GatewayResult {
  outTradeNo: string
  state: 'paid' | 'pending' | 'failed' | 'closed'
  /** what the gateway says was paid, in fen (null when it does not say) */
  amountFen: number | null
  transactionId: string | null
  paidAt: DateTime | null
  /** a short reason for failed/closed results */
  reason?: string | null
  /** the decoded report, kept on the payment for finance */
  data: Record<string, unknown>
}

/**
 * An incoming notification exactly as received (headers lower-cased, the
 * body as raw text: signatures cover the raw bytes).
 */
export interface RawNotification {
  headers: Record<string, string | undefined>
  body: string
}

/**
 * How to answer the gateway.
 */
export interface NotificationAnswer {
  status: number
  contentType: string
  body: string
}

export interface PaymentDriver {
  readonly method: PaymentMethod
  /** 微信支付 / 支付宝 / … */
  readonly label: string
  /** a simulated gateway (shown as 沙箱) */
  readonly sandbox: boolean
  /** qr: the applicant scans a code; transfer: the applicant uploads a voucher */
  readonly kind: 'qr' | 'transfer'
  /** one line under the QR code */
  readonly scanHint: string
  /** the credentials it needs are present */
  isConfigured(): boolean
  /** open the payment at the gateway: what the QR code encodes */
  createQr?(order: GatewayOrder): Promise<{ codeUrl: string; data?: Record<string, unknown> }>
  /** ask the gateway for the payment's state (verified answer) */
  query?(outTradeNo: string): Promise<GatewayResult>
  /** close an unpaid payment at the gateway, so that its QR code can no longer be paid */
  close?(outTradeNo: string): Promise<void>
  /**
   * Verify and decode a notification. Throws NotificationRejected when it
   * is not authentic; returns null for notifications that carry no payment
   * result (other event types).
   */
  parseNotification?(notification: RawNotification): Promise<GatewayResult | null>
  /** the answer the gateway expects */
  answer?(ok: boolean, message?: string, status?: number): NotificationAnswer
}

/**
 * What the QR gateways (WeChat Pay, Alipay, the sandbox) have in common:
 * their configuration and their clock (tests pass a fixed one).
 */
export abstract class QrDriver<Config> implements PaymentDriver {
  abstract readonly method: PaymentMethod
  readonly sandbox: boolean = false
  readonly kind = 'qr' as const
  abstract readonly scanHint: string

  constructor(
    protected config: Config,
    protected now: () => number = Date.now
  ) {}

  abstract isConfigured(): boolean

  /** its name is the payment method's (#payments/labels) */
  get label(): string {
    return PAYMENT_METHODS[this.method]
  }
}

/**
 * The gateway does not know the payment yet (the buyer has not scanned
 * the code): it is still pending.
 */
export function notYetPaid(outTradeNo: string, data: Record<string, unknown>): GatewayResult {
  return { outTradeNo, state: 'pending', amountFen: null, transactionId: null, paidAt: null, data }
}

/**
 * A signed timestamp (seconds, as text) within the allowed clock skew.
 */
export function freshTimestamp(timestamp: string, nowMs: number, maxSkewSeconds: number) {
  return (
    /^\d{1,12}$/.test(timestamp) && Math.abs(nowMs / 1000 - Number(timestamp)) <= maxSkewSeconds
  )
}

/**
 * The JSON body of a notification whose signature has been checked.
 */
export function notificationJson(body: string): any {
  try {
    return JSON.parse(body)
  } catch {
    throw new NotificationRejected('通知内容不是有效的 JSON')
  }
}

/**
 * The answer WeChat Pay expects (the sandbox answers the same way).
 */
export function jsonAnswer(ok: boolean, message = '失败', status = 400): NotificationAnswer {
  return {
    status: ok ? 200 : status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(ok ? { code: 'SUCCESS', message: '成功' } : { code: 'FAIL', message }),
  }
}

/**
 * The gateway refused or failed a call (network, error code, bad signature
 * on its answer). The message is Chinese and may be shown to the user.
 */
export class GatewayError extends Error {
  constructor(
    message: string,
    public detail?: unknown
  ) {
    super(message)
  }
}

/**
 * A notification that is not authentic (signature, serial, stale
 * timestamp, wrong app or merchant). `reason` goes to the audit log.
 */
export class NotificationRejected extends Error {
  constructor(public reason: string) {
    super(reason)
  }
}
