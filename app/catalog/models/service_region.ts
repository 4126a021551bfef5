import { column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { UuidModel } from '#core/orm'
import type { ActiveStatus } from '#catalog/labels'
import TradingPlatform from './trading_platform.js'

/**
 * 服务区域: one of the office's service regions.
 */
export default class ServiceRegion extends UuidModel {
  static table = 'service_regions'

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare status: ActiveStatus

  @column()
  declare sortOrder: number

  @hasMany(() => TradingPlatform, { foreignKey: 'regionId' })
  declare platforms: HasMany<typeof TradingPlatform>
}
