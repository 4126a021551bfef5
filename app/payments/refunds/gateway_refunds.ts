import { parseYuan } from '#core/money'
import paymentsConfig from '#config/payments'
import gateways from '#payments/gateways'
import type { PaymentMethod } from '#payments/labels'
import {
  GatewayError,
  NotificationRejected,
  notificationJson,
  type RawNotification,
} from '#payments/drivers/contract'
import {
  decryptWechatpayResource,
  type WechatPayConfig,
  type WechatPayDriver,
} from '#payments/drivers/wechatpay'
import type { AlipayDriver } from '#payments/drivers/alipay'

/**
 * Refunds at the gateways, beside the payment drivers (drivers/*), using
 * the same keys and the same signing and verification:
 *  - sandbox: refunded at once;
 *  - WeChat Pay API v3: POST /v3/refund/domestic/refunds (out_refund_no is
 *    the refund's number: asking twice refunds once), then the REFUND.*
 *    notification (signed, AES-GCM resource) to /payments/notify/refund/wechatpay;
 *  - Alipay: alipay.trade.refund (out_request_no; synchronous: fund_change);
 *  - bank transfer: nothing to call, finance records the outgoing transfer.
 */
export interface RefundCall {
  refundNo: string
  outTradeNo: string
  transactionId: string | null
  totalFen: number
  amountFen: number
  reason: string
}

export interface RefundOutcome {
  state: 'succeeded' | 'processing' | 'failed'
  gatewayRefundId: string | null
  /** what the gateway said the refund amount is, in fen (null when it does not say) */
  amountFen: number | null
  reason?: string | null
  data: Record<string, unknown>
}

export interface RefundNotice extends RefundOutcome {
  refundNo: string
}

/* the drivers keep their config private; the refund calls need the same keys */
function wechatOf(): { driver: WechatPayDriver; config: WechatPayConfig } {
  const driver = gateways.get('wechatpay') as WechatPayDriver
  return { driver, config: (driver as unknown as { config: WechatPayConfig }).config }
}

function alipayOf() {
  return gateways.get('alipay') as AlipayDriver
}

const WECHAT_STATES: Record<string, RefundOutcome['state']> = {
  SUCCESS: 'succeeded',
  PROCESSING: 'processing',
  ABNORMAL: 'failed',
  CLOSED: 'failed',
}

async function wechatRefund(call: RefundCall): Promise<RefundOutcome> {
  const { driver } = wechatOf()
  const url = '/v3/refund/domestic/refunds'
  const body = JSON.stringify({
    out_trade_no: call.outTradeNo,
    out_refund_no: call.refundNo,
    reason: call.reason.slice(0, 80),
    notify_url: `${paymentsConfig.notifyBaseUrl}/payments/notify/refund/wechatpay`,
    amount: { refund: call.amountFen, total: call.totalFen, currency: 'CNY' },
  })
  const { status, json } = await driver.request('POST', url, body)
  if (status < 200 || status >= 300) {
    throw new GatewayError(`微信支付退款失败：${json?.message ?? `HTTP ${status}`}`, json)
  }
  return {
    state: WECHAT_STATES[json?.status] ?? 'processing',
    gatewayRefundId: json?.refund_id ?? null,
    amountFen: typeof json?.amount?.refund === 'number' ? json.amount.refund : null,
    reason:
      json?.status === 'ABNORMAL' ? '退款异常' : json?.status === 'CLOSED' ? '退款已关闭' : null,
    data: json ?? {},
  }
}

/**
 * A WeChat Pay refund notification, verified (platform signature, serial,
 * timestamp) and decrypted; null for other event types.
 */
export function parseWechatRefundNotification(raw: RawNotification): RefundNotice | null {
  const { driver, config } = wechatOf()
  driver.verifySigned(raw.headers, raw.body, (reason) => new NotificationRejected(reason))
  const payload = notificationJson(raw.body)
  if (typeof payload?.event_type !== 'string' || !payload.event_type.startsWith('REFUND.'))
    return null
  let resource: any
  try {
    resource = JSON.parse(decryptWechatpayResource(config.apiV3Key, payload.resource))
  } catch {
    throw new NotificationRejected('通知资源解密失败')
  }
  if (typeof resource?.out_refund_no !== 'string')
    throw new NotificationRejected('缺少商户退款单号')
  if (config.mchId && resource.mchid && resource.mchid !== config.mchId)
    throw new NotificationRejected('商户号不匹配')
  return {
    refundNo: resource.out_refund_no,
    state: WECHAT_STATES[resource.refund_status] ?? 'processing',
    gatewayRefundId: resource.refund_id ?? null,
    amountFen: typeof resource.amount?.refund === 'number' ? resource.amount.refund : null,
    reason:
      resource.refund_status === 'SUCCESS' ? null : `微信支付退款状态：${resource.refund_status}`,
    data: { event_id: payload.id, event_type: payload.event_type, resource },
  }
}

async function alipayRefund(call: RefundCall): Promise<RefundOutcome> {
  /* the driver's own signed call: Beijing-time timestamp, answer verified */
  const answer = await alipayOf().call('alipay.trade.refund', {
    out_trade_no: call.outTradeNo,
    refund_amount: (call.amountFen / 100).toFixed(2),
    out_request_no: call.refundNo,
    refund_reason: call.reason.slice(0, 80),
  })
  if (answer.code !== '10000') {
    return {
      state: 'failed',
      gatewayRefundId: null,
      amountFen: null,
      reason: `支付宝退款失败：${answer.sub_msg ?? answer.msg ?? '未知错误'}`,
      data: answer,
    }
  }
  return {
    state: answer.fund_change === 'Y' || answer.fund_change === 'N' ? 'succeeded' : 'processing',
    gatewayRefundId: answer.trade_no ?? null,
    amountFen: parseYuan(answer.refund_fee),
    data: answer,
  }
}

export async function refundAtGateway(
  method: PaymentMethod,
  call: RefundCall
): Promise<RefundOutcome> {
  switch (method) {
    case 'sandbox':
      return {
        state: 'succeeded',
        gatewayRefundId: `SANDBOX-${call.refundNo}`,
        amountFen: call.amountFen,
        data: { sandbox: true },
      }
    case 'wechatpay':
      return wechatRefund(call)
    case 'alipay':
      return alipayRefund(call)
    case 'bank_transfer':
      return { state: 'processing', gatewayRefundId: null, amountFen: null, data: { manual: true } }
  }
}
