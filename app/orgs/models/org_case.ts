import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { ReviewCase } from '#core/review_case'
import Org from '#orgs/models/org'
import { CASE_KINDS, type CaseKind } from '#orgs/labels'

/**
 * A case staff review for an org: 企业名称变更, 法定代表人变更, 机构申诉.
 */
export default class OrgCase extends ReviewCase {
  static table = 'org_cases'

  @column()
  declare requestNo: string

  @column()
  declare orgId: string

  @belongsTo(() => Org)
  declare org: BelongsTo<typeof Org>

  @column()
  declare userId: string

  @column()
  declare kind: CaseKind

  @column()
  declare newName: string | null

  @column()
  declare newLegalRepName: string | null

  @column()
  declare newLegalRepIdType: string | null

  @column()
  declare newLegalRepIdNumber: string | null

  @column()
  declare newLegalRepPhone: string | null

  @column()
  declare licenceKey: string

  @column()
  declare licenceType: string

  @column()
  declare letterKey: string

  @column()
  declare letterType: string

  @column()
  declare description: string | null

  get kindLabel() {
    return CASE_KINDS[this.kind] ?? this.kind
  }
}
