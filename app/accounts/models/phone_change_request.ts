import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { ReviewCase } from '#core/review_case'
import User from '#accounts/models/user'

/**
 * 手机号变更申请 (old phone lost), reviewed by staff.
 */
export default class PhoneChangeRequest extends ReviewCase {
  static table = 'phone_change_requests'

  @column()
  declare requestNo: string

  @column()
  declare userId: string

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  /** account | guest */
  @column()
  declare source: string

  @column()
  declare oldPhone: string

  @column()
  declare newPhone: string

  @column()
  declare idNumber: string

  @column()
  declare reason: string

  @column({ serializeAs: null })
  declare photoKey: string

  @column()
  declare photoType: string

  @column()
  declare photoSize: number

  @column()
  declare ip: string | null
}
