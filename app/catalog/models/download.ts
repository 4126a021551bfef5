import { column } from '@adonisjs/lucid/orm'
import { PublishedContent } from '#catalog/models/published_content'
import type { FileType } from '#core/uploads'
import type { DownloadCategory } from '#catalog/labels'

/**
 * 下载专区: drivers, controls, templates and manuals, kept on the private
 * disk and streamed by a route that counts downloads.
 */
export default class Download extends PublishedContent {
  static table = 'downloads'

  @column()
  declare name: string

  @column()
  declare category: DownloadCategory

  @column()
  declare description: string | null

  @column()
  declare version: string | null

  @column({ serializeAs: null })
  declare fileKey: string

  @column()
  declare fileName: string

  @column()
  declare fileType: FileType

  @column()
  declare fileSize: number

  @column()
  declare downloadCount: number

  @column()
  declare sortOrder: number
}
