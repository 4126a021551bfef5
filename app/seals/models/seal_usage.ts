import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

/**
 * 用章记录: 操作人, 资源名称, 业务系统名称, 操作类型, 时间.
 */
export default class SealUsage extends UuidModel {
  static table = 'seal_usages'

  @column()
  declare sealId: string

  @column()
  declare orgId: string | null

  @column()
  declare userId: string

  @column()
  declare operatorName: string

  @column()
  declare resourceName: string

  @column()
  declare systemName: string

  @column()
  declare operation: string

  @column.dateTime()
  declare usedAt: DateTime
}
