import env from '#start/env'
import { createHmac } from 'node:crypto'
import { appUrl } from '#config/app'

/**
 * Payments (orders/payments): which gateways the applicant may choose, and
 * the credentials of each. Every value comes from .env (see the
 * "Payments" block at the end of .env.example).
 *
 * Keys and certificates (WECHATPAY_*_KEY, ALIPAY_*_KEY) may be given as
 * PEM text (with "\n" for line breaks), as a path to a PEM file, or (for
 * Alipay, as its console shows them) as bare base64.
 */
function list(value: string) {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
}

const appKey = env.get('APP_KEY').release()

const bankAccountNo = env.get('PAYMENTS_BANK_ACCOUNT_NO', '')

const paymentsConfig = {
  /**
   * Methods offered to applicants, in display order: sandbox, wechatpay,
   * alipay, bank_transfer. A listed gateway without credentials is not
   * offered.
   */
  methods: list(env.get('PAYMENTS_METHODS', 'sandbox,bank_transfer')),

  /** lifetime of a payment QR code (WeChat time_expire, Alipay timeout_express) */
  qrTtlMinutes: Math.max(5, Number(env.get('PAYMENTS_QR_TTL_MINUTES', '30')) || 30),

  /** public base URL the gateways call back (notify_url); defaults to APP_URL */
  notifyBaseUrl: env.get('PAYMENTS_NOTIFY_BASE_URL', appUrl).replace(/\/+$/, ''),

  /** base URL of the pages (sandbox cashier QR) */
  appUrl: appUrl.replace(/\/+$/, ''),

  /** notifications older (or newer) than this are refused as replays */
  maxClockSkewSeconds: 300,

  /**
   * The sandbox gateway signs its notifications with a key derived from
   * APP_KEY (never shown, never configured separately).
   */
  sandbox: {
    secret: createHmac('sha256', appKey).update('certdesk:payments:sandbox-notify').digest(),
  },

  /**
   * WeChat Pay API v3, Native (扫码) payments.
   */
  wechatpay: {
    baseUrl: env.get('WECHATPAY_BASE_URL', 'https://api.mch.weixin.qq.com').replace(/\/+$/, ''),
    appId: env.get('WECHATPAY_APP_ID', ''),
    mchId: env.get('WECHATPAY_MCH_ID', ''),
    /** serial number of the merchant API certificate */
    merchantSerialNo: env.get('WECHATPAY_MERCHANT_SERIAL_NO', ''),
    /** merchant API private key (apiclient_key.pem) */
    merchantPrivateKey: env.get('WECHATPAY_MERCHANT_PRIVATE_KEY', ''),
    /** APIv3 key (32 characters) for AEAD_AES_256_GCM resources */
    apiV3Key: env.get('WECHATPAY_API_V3_KEY', ''),
    /** platform certificate serial, or the WeChat Pay public key id (PUB_KEY_ID_…) */
    platformSerial: env.get('WECHATPAY_PLATFORM_SERIAL', ''),
    /** platform certificate or WeChat Pay public key (PEM) */
    platformPublicKey: env.get('WECHATPAY_PLATFORM_PUBLIC_KEY', ''),
    timeoutMs: 10_000,
  },

  /**
   * Alipay 当面付 (alipay.trade.precreate).
   */
  alipay: {
    gateway: env.get('ALIPAY_GATEWAY', 'https://openapi.alipay.com/gateway.do'),
    appId: env.get('ALIPAY_APP_ID', ''),
    /** application private key (RSA2) */
    privateKey: env.get('ALIPAY_PRIVATE_KEY', ''),
    /** Alipay public key (支付宝公钥) for responses and notifications */
    alipayPublicKey: env.get('ALIPAY_PUBLIC_KEY', ''),
    /** optional: the merchant's PID; notifications for another seller are refused */
    sellerId: env.get('ALIPAY_SELLER_ID', ''),
    timeoutMs: 10_000,
  },

  /**
   * 银行汇款 / 对公转账: the office's receiving account. Without
   * PAYMENTS_BANK_ACCOUNT_NO the demo account below is shown and the
   * sandbox banner says so.
   */
  bankTransfer: {
    demo: !bankAccountNo,
    accountName: env.get('PAYMENTS_BANK_ACCOUNT_NAME', '示例数字证书服务中心'),
    bankName: env.get('PAYMENTS_BANK_NAME', '示例银行示例市分行营业部'),
    accountNo: bankAccountNo || '6200 0000 0000 0000 000',
    instructions: env.get(
      'PAYMENTS_BANK_INSTRUCTIONS',
      '请按应付金额足额汇款，并在汇款附言中注明订单编号；汇款后上传汇款回单，财务核对到账后订单即为已支付（一般 1 个工作日内）。'
    ),
  },

  /** the uploaded remittance voucher (汇款凭证) */
  voucher: {
    types: ['jpg', 'png', 'pdf'] as const,
    maxSize: 5 * 1024 * 1024,
  },
}

export default paymentsConfig
