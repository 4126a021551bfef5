import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

export default class OrderMaterial extends UuidModel {
  static table = 'order_materials'

  @column()
  declare orderId: string

  @column()
  declare materialId: string

  @column()
  declare materialName: string

  @column({ serializeAs: null })
  declare fileKey: string

  @column()
  declare fileType: string

  @column()
  declare fileSize: number

  @column()
  declare originalName: string | null

  get isImage() {
    return ['jpg', 'png', 'gif', 'bmp'].includes(this.fileType)
  }
}
