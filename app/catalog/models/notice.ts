import { column } from '@adonisjs/lucid/orm'
import { booleanColumn } from '#core/orm'
import { PublishedContent } from '#catalog/models/published_content'

/**
 * 通知公告. Shown to applicants once published and its publish time has come.
 */
export default class Notice extends PublishedContent {
  static table = 'notices'

  @column()
  declare title: string

  @column()
  declare body: string

  @column(booleanColumn)
  declare pinned: boolean
}
