import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'
import { FILE_TYPES } from '#core/uploads'
import type { PrivateFile } from '#core/http/private_file'

/**
 * One uploaded material of an order (身份证复印件, 申请表…): the stored
 * file, its type as sniffed at upload, and the product's material it
 * answers.
 */
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

  /**
   * The file as sendPrivateFile sends it (to its owner or to staff who may
   * see materials): images and PDFs inline for the preview, the rest as a
   * download, named after the material.
   */
  get privateFile(): PrivateFile {
    const ext = FILE_TYPES[this.fileType as keyof typeof FILE_TYPES]?.ext ?? this.fileType
    return {
      key: this.fileKey,
      type: this.fileType,
      name: `${this.materialName}.${ext}`,
      disposition: 'inline',
    }
  }
}
