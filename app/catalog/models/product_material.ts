import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { UuidModel, booleanColumn, jsonColumn } from '#core/orm'
import type { FileType } from '#core/uploads'
import Product from './product.js'

/**
 * A material a product requires, with its upload rule and template.
 */
export default class ProductMaterial extends UuidModel {
  static table = 'product_materials'

  @column()
  declare productId: string

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column(jsonColumn)
  declare acceptedTypes: FileType[]

  /** bytes */
  @column()
  declare minSize: number | null

  /** bytes */
  @column()
  declare maxSize: number

  @column(booleanColumn)
  declare isRequired: boolean

  @column(booleanColumn)
  declare isActive: boolean

  @column({ serializeAs: null })
  declare templateKey: string | null

  @column()
  declare templateName: string | null

  @column()
  declare templateType: FileType | null

  @column()
  declare templateSize: number | null

  @column()
  declare sortOrder: number

  @belongsTo(() => Product, { foreignKey: 'productId' })
  declare product: BelongsTo<typeof Product>

  get hasTemplate() {
    return Boolean(this.templateKey)
  }
}
