import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { ReviewCase } from '#core/review_case'
import User from '#accounts/models/user'

/**
 * 账号申诉: asks for a deregistered account back; reviewed by staff.
 */
export default class AccountAppeal extends ReviewCase {
  static table = 'account_appeals'

  @column()
  declare requestNo: string

  @column()
  declare userId: string

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column()
  declare realName: string

  @column()
  declare idNumber: string

  @column()
  declare contactPhone: string

  @column()
  declare description: string

  @column()
  declare restoredPhone: string | null

  @column()
  declare ip: string | null
}
