import { belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { UuidModel, booleanColumn, jsonColumn } from '#core/orm'
import type {
  CertKind,
  DeliveryMethod,
  Medium,
  ProductStatus,
  ProductType,
  ReviewMode,
} from '#catalog/labels'
import TradingPlatform from './trading_platform.js'
import ProductMaterial from './product_material.js'

export interface ValidityOption {
  years: number
  enabled: boolean
  priceFen: number
}

/**
 * A product of a platform. `type` says what it sells; `spec` carries the
 * settings only that type has (e.g. the seals of a seal package), so a
 * new type needs no new columns.
 */
export default class Product extends UuidModel {
  static table = 'products'

  @column()
  declare platformId: string

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare type: ProductType

  @column()
  declare certKind: CertKind | null

  @column()
  declare medium: Medium | null

  @column()
  declare caLabel: string

  @column()
  declare description: string | null

  @column(jsonColumn)
  declare validityOptions: ValidityOption[]

  @column(booleanColumn)
  declare firstUkeyFree: boolean

  @column()
  declare reviewMode: ReviewMode

  @column()
  declare renewalWindowDays: number

  @column(jsonColumn)
  declare deliveryMethods: DeliveryMethod[]

  @column(jsonColumn)
  declare spec: Record<string, unknown> | null

  @column()
  declare status: ProductStatus

  @column()
  declare sortOrder: number

  @belongsTo(() => TradingPlatform, { foreignKey: 'platformId' })
  declare platform: BelongsTo<typeof TradingPlatform>

  @hasMany(() => ProductMaterial, { foreignKey: 'productId' })
  declare materials: HasMany<typeof ProductMaterial>
}
