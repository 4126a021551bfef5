import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { ReviewCase } from '#core/review_case'
import User from '#accounts/models/user'

/**
 * A case an applicant's account filed for staff review (账号申诉,
 * 手机号变更申请): its number and the account, next to the review columns
 * of core's ReviewCase.
 */
export class AccountCase extends ReviewCase {
  @column()
  declare requestNo: string

  @column()
  declare userId: string

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
