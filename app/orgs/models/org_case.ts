import { column } from '@adonisjs/lucid/orm'
import { orgRequest } from '#orgs/models/org_row'
import { CASE_KINDS, type CaseKind } from '#orgs/labels'

/**
 * A case staff review for an org: 企业名称变更, 法定代表人变更, 机构申诉.
 */
export default class OrgCase extends orgRequest() {
  static table = 'org_cases'

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
