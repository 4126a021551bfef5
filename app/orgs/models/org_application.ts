import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import Org from '#orgs/models/org'
import { APPLICATION_STATES, APPLICATION_TYPES, type ApplicationType } from '#orgs/labels'
import type { ReviewState } from '#core/review'

/**
 * What a person asks of an org's admins: 加入企业, 用章权限, 退出企业.
 */
export default class OrgApplication extends UuidModel {
  static table = 'org_applications'

  @column()
  declare requestNo: string

  @column()
  declare orgId: string

  @belongsTo(() => Org)
  declare org: BelongsTo<typeof Org>

  @column()
  declare userId: string

  @column()
  declare type: ApplicationType

  @column()
  declare reason: string | null

  @column()
  declare status: ReviewState

  @column()
  declare reviewReason: string | null

  @column()
  declare reviewReasonType: string | null

  @column()
  declare reviewedById: string | null

  @column()
  declare reviewedByName: string | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  get typeLabel() {
    return APPLICATION_TYPES[this.type] ?? this.type
  }

  get statusLabel() {
    return APPLICATION_STATES[this.status]?.label ?? this.status
  }

  get statusTone() {
    return APPLICATION_STATES[this.status]?.tone ?? 'muted'
  }
}
