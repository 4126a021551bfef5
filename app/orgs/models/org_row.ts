import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import type { UuidModel } from '#core/orm'
import { ReviewCase } from '#core/review_case'
import type { ReviewState } from '#core/review'
import Org from '#orgs/models/org'

/**
 * The columns every row about a person in an org has: the org (with its
 * relation) and the person (memberships, applications, cases, claims).
 */
export function withOrgPerson<T extends NormalizeConstructor<typeof UuidModel>>(superclass: T) {
  class OrgPersonRow extends superclass {
    @column()
    declare orgId: string

    @belongsTo(() => Org)
    declare org: BelongsTo<typeof Org>

    @column()
    declare userId: string
  }
  return OrgPersonRow
}

/**
 * Base of a numbered request a person makes about an org (加入/用章/退出,
 * 变更/申诉, 认领): its 申请编号, the org and the person, reviewed through
 * core's ReviewCase with the request's own status type.
 */
export function orgRequest<Status extends string = ReviewState>() {
  class OrgRequest extends withOrgPerson(ReviewCase<Status>) {
    @column()
    declare requestNo: string
  }
  return OrgRequest
}
