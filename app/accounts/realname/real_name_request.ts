import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

export const REAL_NAME_REQUEST_STATUSES = {
  passed: '核验通过',
  failed: '核验未通过',
  pending: '待审核',
  approved: '审核通过',
  rejected: '审核未通过',
} as const

export type RealNameRequestStatus = keyof typeof REAL_NAME_REQUEST_STATUSES

export default class RealNameRequest extends UuidModel {
  static table = 'real_name_requests'

  @column()
  declare userId: string

  @column()
  declare method: 'online' | 'manual'

  @column()
  declare idType: string

  @column()
  declare name: string

  @column()
  declare idNumber: string

  @column({ serializeAs: null })
  declare frontKey: string | null

  @column({ serializeAs: null })
  declare backKey: string | null

  @column()
  declare status: RealNameRequestStatus

  @column()
  declare provider: string | null

  @column()
  declare resultMessage: string | null

  @column()
  declare reviewerId: string | null

  @column()
  declare reviewerName: string | null

  @column()
  declare reviewReason: string | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  get statusLabel() {
    return REAL_NAME_REQUEST_STATUSES[this.status] ?? this.status
  }

  get statusTone() {
    return {
      passed: 'success',
      approved: 'success',
      pending: 'warning',
      failed: 'danger',
      rejected: 'danger',
    }[this.status]
  }
}
