import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { UuidModel } from '#core/orm'
import type { ActiveStatus } from '#catalog/labels'
import ServiceRegion from './service_region.js'
import Product from './product.js'

/**
 * 交易平台: a tenant whose certificates the office sells.
 */
export default class TradingPlatform extends UuidModel {
  static table = 'trading_platforms'

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare regionId: string

  @column()
  declare status: ActiveStatus

  @column()
  declare description: string | null

  @column()
  declare website: string | null

  @column()
  declare sortOrder: number

  @belongsTo(() => ServiceRegion, { foreignKey: 'regionId' })
  declare region: BelongsTo<typeof ServiceRegion>

  @hasMany(() => Product, { foreignKey: 'platformId' })
  declare products: HasMany<typeof Product>
}
