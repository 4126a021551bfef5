import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

/**
 * In-site message (消息中心) to an applicant.
 */
export default class Message extends UuidModel {
  static table = 'messages'

  @column()
  declare userId: string

  /** system | order | review | certificate | account | notice */
  @column()
  declare category: string

  @column()
  declare title: string

  @column()
  declare body: string

  /** where the message leads (a path inside the site) */
  @column()
  declare link: string | null

  @column.dateTime()
  declare readAt: DateTime | null
}
