/**
 * Payment methods and the payment state machine: the one place that lists
 * which status may follow which. Every transition goes through
 * `assertTransition` and writes one audit entry (payment_service.ts).
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

export const PAYMENT_STATUSES = {
  pending: '待支付',
  submitted: '待财务确认',
  rejected: '凭证已退回',
  paid: '已支付',
  failed: '支付失败',
  closed: '已关闭',
  refund_due: '已收款·待退款',
} as const

export type PaymentStatus = keyof typeof PAYMENT_STATUSES
export const PAYMENT_STATUS_KEYS = Object.keys(PAYMENT_STATUSES) as PaymentStatus[]

export const PAYMENT_STATUS_TONES: Record<
  PaymentStatus,
  'success' | 'warning' | 'danger' | 'info' | 'muted'
> = {
  pending: 'warning',
  submitted: 'info',
  rejected: 'danger',
  paid: 'success',
  failed: 'danger',
  closed: 'muted',
  refund_due: 'danger',
}

/**
 * Allowed transitions.
 *  - pending → paid | failed | closed: QR payments (gateway result, expiry, another attempt);
 *    pending → submitted: a bank-transfer voucher was uploaded.
 *  - submitted → paid (finance confirms) | rejected (finance returns the voucher) | closed.
 *  - rejected → submitted (a new voucher) | closed.
 *  - failed / closed → paid: the gateway reports a success after all (the money arrived,
 *    so it is recorded).
 *  - → refund_due (已收款·待退款): money arrived that the order cannot take: it was
 *    already paid by another attempt, or the orders module refused it (order
 *    cancelled meanwhile). Finance refunds it.
 *  - paid and refund_due are final (refunds come with the refunds feature).
 */
export const PAYMENT_TRANSITIONS: Record<PaymentStatus, readonly PaymentStatus[]> = {
  pending: ['paid', 'failed', 'closed', 'submitted', 'refund_due'],
  submitted: ['paid', 'rejected', 'closed', 'refund_due'],
  rejected: ['submitted', 'closed'],
  failed: ['paid', 'refund_due'],
  closed: ['paid', 'refund_due'],
  paid: [],
  refund_due: [],
}

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from]?.includes(to) ?? false
}

export class PaymentTransitionError extends Error {
  constructor(
    public from: PaymentStatus,
    public to: PaymentStatus
  ) {
    super(`支付状态不能从“${PAYMENT_STATUSES[from]}”变为“${PAYMENT_STATUSES[to]}”`)
  }
}

export function assertTransition(from: PaymentStatus, to: PaymentStatus) {
  if (!canTransition(from, to)) throw new PaymentTransitionError(from, to)
}

/** statuses in which the applicant may still pay this attempt */
export const OPEN_STATUSES: readonly PaymentStatus[] = ['pending', 'rejected']

export const VOUCHER_STATUSES = {
  submitted: '待确认',
  confirmed: '已确认到账',
  rejected: '已退回',
} as const

export type VoucherStatus = keyof typeof VOUCHER_STATUSES

export const VOUCHER_STATUS_TONES: Record<VoucherStatus, 'success' | 'info' | 'danger'> = {
  submitted: 'info',
  confirmed: 'success',
  rejected: 'danger',
}
