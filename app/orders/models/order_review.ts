import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'
import { REJECT_REASON_TYPES } from '#orders/labels'

export default class OrderReview extends UuidModel {
  static table = 'order_reviews'

  @column()
  declare orderId: string

  @column()
  declare staffId: string

  @column()
  declare staffName: string

  @column()
  declare decision: 'approve' | 'reject'

  @column()
  declare reasonType: string | null

  @column()
  declare reason: string | null

  get reasonTypeLabel() {
    return this.reasonType
      ? (REJECT_REASON_TYPES[this.reasonType as keyof typeof REJECT_REASON_TYPES] ??
          this.reasonType)
      : ''
  }
}
