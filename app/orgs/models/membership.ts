import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import { booleanColumn } from '#core/orm'
import { withOrgPerson } from '#orgs/models/org_row'
import { MEMBER_ROLES, ROLES, type MemberRole } from '#orgs/labels'
import { membershipLifecycle, type MembershipStatus } from '#orgs/lifecycles'

/**
 * A person's place in an org: 管理员 or 员工, and whether they are its
 * 法定代表人. Ended memberships stay (已退出 / 已移除) for 历史关联; a
 * person has at most one active membership per org.
 */
export default class Membership extends withOrgPerson(UuidModel) {
  static table = 'org_memberships'

  @column()
  declare role: MemberRole

  @column(booleanColumn)
  declare isLegalRep: boolean

  @column()
  declare status: MembershipStatus

  @column()
  declare source: string

  @column.dateTime()
  declare joinedAt: DateTime

  @column.dateTime()
  declare endedAt: DateTime | null

  get isAdmin() {
    return this.role === 'admin' && this.status === 'active'
  }

  /** 法定代表人、管理员 / 员工 */
  get roleLabel() {
    const labels = [MEMBER_ROLES[this.role] ?? this.role]
    if (this.isLegalRep) labels.unshift(ROLES.legal_rep)
    return labels.join('、')
  }

  get statusLabel() {
    return membershipLifecycle.label(this.status)
  }

  get statusTone() {
    return membershipLifecycle.tone(this.status)
  }
}
