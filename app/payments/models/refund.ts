import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { withGatewayMoney } from '#payments/models/gateway_money'
import type { RefundStatus } from '#payments/refund_lifecycle'

/**
 * 退费 of a paid order (see refund_lifecycle.ts), with the order, payer,
 * method, amount and gateway data of withGatewayMoney.
 */
export default class Refund extends withGatewayMoney(UuidModel) {
  static table = 'refunds'

  @column()
  declare refundNo: string

  @column()
  declare paymentId: string

  @column()
  declare paidFen: number

  @column()
  declare reason: string

  @column()
  declare note: string | null

  @column()
  declare status: RefundStatus

  @column()
  declare rejectReason: string | null

  @column()
  declare gatewayRefundId: string | null

  @column({ serializeAs: null })
  declare voucherKey: string | null

  @column()
  declare bankReference: string | null

  @column()
  declare reviewerId: string | null

  @column()
  declare reviewerName: string | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column.dateTime()
  declare refundedAt: DateTime | null

  @column.dateTime()
  declare effectsDoneAt: DateTime | null
}
