import { column } from '@adonisjs/lucid/orm'
import { PublishedContent } from '#catalog/models/published_content'
import type { GuideCategory } from '#catalog/labels'

/**
 * 操作指南: how-to articles, searchable by keyword.
 */
export default class Guide extends PublishedContent {
  static table = 'guides'

  @column()
  declare title: string

  @column()
  declare category: GuideCategory

  @column()
  declare body: string

  @column()
  declare sortOrder: number
}
