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
   * Methods offered to applicants, in display order (PAYMENTS_METHODS,
   * comma-separated; default sandbox,bank_transfer): sandbox, wechatpay,
   * alipay, bank_transfer. A listed gateway without credentials is not
   * offered. A production office removes sandbox.
   */
  methods: list(env.get('PAYMENTS_METHODS', 'sandbox,bank_transfer')),

  /**
   * Lifetime of a payment QR code, in minutes (PAYMENTS_QR_TTL_MINUTES,
   * default 30, at least 5): sent to the gateway as WeChat time_expire /
   * Alipay timeout_express; an expired order is paid by starting again.
   */
  qrTtlMinutes: Math.max(5, Number(env.get('PAYMENTS_QR_TTL_MINUTES', '30')) || 30),

  /**
   * Public base URL the gateways call back (notify_url + /payments/notify/…),
   * without a trailing slash (PAYMENTS_NOTIFY_BASE_URL; defaults to APP_URL):
   * set it when the gateways must reach the office through another address.
   */
  notifyBaseUrl: env.get('PAYMENTS_NOTIFY_BASE_URL', appUrl).replace(/\/+$/, ''),

  /** base URL of the pages (sandbox cashier QR): APP_URL without a trailing slash */
  appUrl: appUrl.replace(/\/+$/, ''),

  /**
   * Notifications whose timestamp is further than this from our clock (in
   * seconds: 5 minutes, older or newer) are refused as replays (sandbox
   * and WeChat Pay). Keep the server's clock synchronised (NTP).
   */
  maxClockSkewSeconds: 300,

  /**
   * The sandbox gateway signs its notifications with a key derived from
   * APP_KEY (never shown, never configured separately).
   */
  sandbox: {
    /** HMAC key of the sandbox's notifications (32 bytes derived from APP_KEY) */
    secret: createHmac('sha256', appKey).update('certdesk:payments:sandbox-notify').digest(),
  },

  /**
   * WeChat Pay API v3, Native (扫码) payments. Offered only when
   * PAYMENTS_METHODS lists wechatpay and the credentials below are set.
   */
  wechatpay: {
    /**
     * API host (WECHATPAY_BASE_URL, default https://api.mch.weixin.qq.com),
     * without a trailing slash; tests point it at a nock host.
     */
    baseUrl: env.get('WECHATPAY_BASE_URL', 'https://api.mch.weixin.qq.com').replace(/\/+$/, ''),
    /** the AppID bound to the merchant account (WECHATPAY_APP_ID) */
    appId: env.get('WECHATPAY_APP_ID', ''),
    /** the merchant id, 商户号 (WECHATPAY_MCH_ID) */
    mchId: env.get('WECHATPAY_MCH_ID', ''),
    /** serial number of the merchant API certificate (WECHATPAY_MERCHANT_SERIAL_NO) */
    merchantSerialNo: env.get('WECHATPAY_MERCHANT_SERIAL_NO', ''),
    /** merchant API private key, apiclient_key.pem (WECHATPAY_MERCHANT_PRIVATE_KEY) */
    merchantPrivateKey: env.get('WECHATPAY_MERCHANT_PRIVATE_KEY', ''),
    /** APIv3 key (32 characters) for AEAD_AES_256_GCM resources (WECHATPAY_API_V3_KEY) */
    apiV3Key: env.get('WECHATPAY_API_V3_KEY', ''),
    /**
     * platform certificate serial, or the WeChat Pay public key id
     * (PUB_KEY_ID_…) (WECHATPAY_PLATFORM_SERIAL)
     */
    platformSerial: env.get('WECHATPAY_PLATFORM_SERIAL', ''),
    /** platform certificate or WeChat Pay public key, PEM (WECHATPAY_PLATFORM_PUBLIC_KEY) */
    platformPublicKey: env.get('WECHATPAY_PLATFORM_PUBLIC_KEY', ''),
    /**
     * How long a call to WeChat Pay may take, in milliseconds (10 s): then
     * it fails with 无法连接微信支付 and the applicant may try again (a
     * payment made meanwhile still arrives by its notification).
     */
    timeoutMs: 10_000,
  },

  /**
   * Alipay 当面付 (alipay.trade.precreate). Offered only when
   * PAYMENTS_METHODS lists alipay and the credentials below are set.
   */
  alipay: {
    /** the OpenAPI gateway (ALIPAY_GATEWAY, default the production one; the sandbox has its own) */
    gateway: env.get('ALIPAY_GATEWAY', 'https://openapi.alipay.com/gateway.do'),
    /** the application's APPID at Alipay (ALIPAY_APP_ID) */
    appId: env.get('ALIPAY_APP_ID', ''),
    /** application private key, RSA2 (ALIPAY_PRIVATE_KEY) */
    privateKey: env.get('ALIPAY_PRIVATE_KEY', ''),
    /** Alipay public key (支付宝公钥) for responses and notifications (ALIPAY_PUBLIC_KEY) */
    alipayPublicKey: env.get('ALIPAY_PUBLIC_KEY', ''),
    /**
     * optional: the merchant's PID; notifications for another seller are refused (ALIPAY_SELLER_ID)
     */
    sellerId: env.get('ALIPAY_SELLER_ID', ''),
    /** How long a call to Alipay may take, in milliseconds (10 s), as for WeChat Pay */
    timeoutMs: 10_000,
  },

  /**
   * 银行汇款 / 对公转账: the office's receiving account. Without
   * PAYMENTS_BANK_ACCOUNT_NO the demo account below is shown and the
   * sandbox banner says so.
   */
  bankTransfer: {
    /** true when PAYMENTS_BANK_ACCOUNT_NO is not set: the account shown is the demo one (沙箱) */
    demo: !bankAccountNo,
    /** 户名, the account holder (PAYMENTS_BANK_ACCOUNT_NAME) */
    accountName: env.get('PAYMENTS_BANK_ACCOUNT_NAME', '示例数字证书服务中心'),
    /** 开户行, the bank and branch (PAYMENTS_BANK_NAME) */
    bankName: env.get('PAYMENTS_BANK_NAME', '示例银行示例市分行营业部'),
    /** 账号 (PAYMENTS_BANK_ACCOUNT_NO; without it a demo number) */
    accountNo: bankAccountNo || '6200 0000 0000 0000 000',
    /** what the applicant is told to do, shown under the account (PAYMENTS_BANK_INSTRUCTIONS) */
    instructions: env.get(
      'PAYMENTS_BANK_INSTRUCTIONS',
      '请按应付金额足额汇款，并在汇款附言中注明订单编号；汇款后上传汇款回单，财务核对到账后订单即为已支付（一般 1 个工作日内）。'
    ),
  },

  /** the uploaded remittance voucher (汇款凭证) */
  voucher: {
    /** accepted file types (checked by content): a photo or a bank's PDF receipt */
    types: ['jpg', 'png', 'pdf'] as const,
    /** largest file, in bytes: 5 MiB, ample for a phone photo of a receipt */
    maxSize: 5 * 1024 * 1024,
  },
}

export default paymentsConfig
