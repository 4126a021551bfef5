import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { SHARED_STATES } from '#core/lifecycle'
import { paymentLifecycle, type PaymentStatus } from '#payments/lifecycle'
import PaymentVoucher from '#payments/models/payment_voucher'
import { withGatewayMoney } from '#payments/models/gateway_money'

/** how a paid payment shows once money went back (not states of the lifecycle: it stays paid) */
export const REFUND_STATES = {
  refunded: SHARED_STATES.refunded,
  partially_refunded: { label: '部分退款', tone: 'warning' },
} as const

/**
 * One payment attempt of an order (with the order, payer, method, amount
 * and gateway data of withGatewayMoney). Owned by the payments module:
 * other modules read it through #payments/queries/payments.
 */
export default class Payment extends withGatewayMoney(UuidModel) {
  static table = 'payments'

  @column()
  declare status: PaymentStatus

  @column()
  declare subject: string

  @column()
  declare outTradeNo: string

  @column()
  declare codeUrl: string | null

  @column()
  declare transactionId: string | null

  @column()
  declare paidOrderNo: string | null

  @column.dateTime()
  declare paidAt: DateTime | null

  @column.dateTime()
  declare expiresAt: DateTime | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @column()
  declare failureReason: string | null

  @column.dateTime()
  declare lastCheckedAt: DateTime | null

  @hasMany(() => PaymentVoucher)
  declare vouchers: HasMany<typeof PaymentVoucher>

  /**
   * What has been refunded of this payment (refunds 已退款), in fen; set by
   * the queries that show a payment (`withRefunds`), 0 otherwise. A paid
   * payment shows 已退款 when all of it came back, 部分退款 when part did.
   */
  refundedFen = 0

  get refundState(): 'refunded' | 'partially_refunded' | null {
    if (this.status !== 'paid' || this.refundedFen <= 0) return null
    return this.refundedFen >= this.amountFen ? 'refunded' : 'partially_refunded'
  }

  get statusLabel() {
    const refund = this.refundState
    if (refund) return REFUND_STATES[refund].label
    return paymentLifecycle.label(this.status)
  }

  get statusTone() {
    const refund = this.refundState
    if (refund) return REFUND_STATES[refund].tone
    return paymentLifecycle.tone(this.status)
  }

  get isExpired() {
    return (
      this.status === 'pending' &&
      this.expiresAt !== null &&
      this.expiresAt.toMillis() <= Date.now()
    )
  }
}
