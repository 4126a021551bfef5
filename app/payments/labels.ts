/**
 * The payment methods an applicant may be offered, in Chinese. Which of
 * them are on is config/payments.ts (PAYMENTS_METHODS); each has a driver
 * in drivers/.
 */
export const PAYMENT_METHODS = {
  sandbox: '沙箱支付',
  wechatpay: '微信支付',
  alipay: '支付宝',
  bank_transfer: '银行汇款',
} as const

export type PaymentMethod = keyof typeof PAYMENT_METHODS
export const PAYMENT_METHOD_KEYS = Object.keys(PAYMENT_METHODS) as PaymentMethod[]

export function isPaymentMethod(value: unknown): value is PaymentMethod {
  return typeof value === 'string' && value in PAYMENT_METHODS
}
