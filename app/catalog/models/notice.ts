import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel, booleanColumn } from '#core/orm'
import type { ContentStatus } from '#catalog/labels'

/**
 * 通知公告. Shown to applicants once published and its publish time has come.
 */
export default class Notice extends UuidModel {
  static table = 'notices'

  @column()
  declare title: string

  @column()
  declare body: string

  @column()
  declare status: ContentStatus

  @column(booleanColumn)
  declare pinned: boolean

  @column.dateTime()
  declare publishedAt: DateTime | null
}
