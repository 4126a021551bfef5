import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import type { ContentStatus, GuideCategory } from '#catalog/labels'

/**
 * 操作指南: how-to articles, searchable by keyword.
 */
export default class Guide extends UuidModel {
  static table = 'guides'

  @column()
  declare title: string

  @column()
  declare category: GuideCategory

  @column()
  declare body: string

  @column()
  declare status: ContentStatus

  @column()
  declare sortOrder: number

  @column.dateTime()
  declare publishedAt: DateTime | null
}
