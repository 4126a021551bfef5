import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { UuidModel } from '#core/orm'
import type { ActiveStatus } from '#catalog/labels'
import ServiceRegion from './service_region.js'

/**
 * 取证地址: where applicants pick up their uKey.
 */
export default class PickupPoint extends UuidModel {
  static table = 'pickup_points'

  @column()
  declare regionId: string

  @column()
  declare name: string

  @column()
  declare address: string

  @column()
  declare phone: string

  @column()
  declare hours: string

  @column()
  declare status: ActiveStatus

  @column()
  declare sortOrder: number

  @belongsTo(() => ServiceRegion, { foreignKey: 'regionId' })
  declare region: BelongsTo<typeof ServiceRegion>
}
