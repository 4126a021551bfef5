import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

/**
 * One line of an org's history (认领、加入、退出、移除、移交、变更…), shown
 * to its members and, per person, as 历史关联.
 */
export default class OrgHistory extends UuidModel {
  static table = 'org_history'

  @column()
  declare orgId: string

  @column()
  declare userId: string | null

  @column()
  declare event: string

  @column()
  declare summary: string

  @column()
  declare actorName: string | null
}
