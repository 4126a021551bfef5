import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel, jsonColumn } from '#core/orm'
import type { PaymentMethod } from '#payments/labels'
import type { RefundStatus } from '#payments/refund_lifecycle'

/**
 * 退费 of a paid order (see refund_lifecycle.ts).
 */
export default class Refund extends UuidModel {
  static table = 'refunds'

  @column()
  declare refundNo: string

  @column()
  declare paymentId: string

  @column()
  declare orderNo: string

  @column()
  declare userId: string

  @column()
  declare method: PaymentMethod

  @column()
  declare amountFen: number

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

  @column(jsonColumn)
  declare gatewayData: Record<string, unknown> | null

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
