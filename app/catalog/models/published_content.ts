import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import type { ContentStatus } from '#catalog/labels'

/**
 * Content the office publishes to applicants (通知公告, 操作指南, 下载专区):
 * draft or published, and when it was (first) published (content.ts
 * stampPublished).
 */
export class PublishedContent extends UuidModel {
  @column()
  declare status: ContentStatus

  @column.dateTime()
  declare publishedAt: DateTime | null
}
