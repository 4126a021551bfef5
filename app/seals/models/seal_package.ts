import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

/**
 * 印章套餐: how many seals an org may make (bought as a 电子印章套餐 of a
 * platform's 印章机构), how many it has made, until when.
 */
export default class SealPackage extends UuidModel {
  static table = 'seal_packages'

  @column() declare orgId: string
  @column() declare platformId: string
  @column() declare platformName: string
  @column() declare name: string
  @column() declare totalSeals: number
  @column() declare usedSeals: number
  @column.dateTime() declare expiresAt: DateTime | null
  @column() declare source: string

  get remaining() {
    return Math.max(0, this.totalSeals - this.usedSeals)
  }
}
