import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { UuidModel } from '#core/orm'
import type { ActiveStatus } from '#catalog/labels'
import ServiceRegion from './service_region.js'

/**
 * 发货地址: where mailed uKeys leave from. One without a region serves
 * every region that has none of its own.
 */
export default class ShippingOrigin extends UuidModel {
  static table = 'shipping_origins'

  @column()
  declare regionId: string | null

  @column()
  declare name: string

  @column()
  declare contact: string

  @column()
  declare phone: string

  @column()
  declare address: string

  @column()
  declare courier: string | null

  @column()
  declare status: ActiveStatus

  @belongsTo(() => ServiceRegion, { foreignKey: 'regionId' })
  declare region: BelongsTo<typeof ServiceRegion>
}
