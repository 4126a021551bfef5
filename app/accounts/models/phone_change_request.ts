import { column } from '@adonisjs/lucid/orm'
import { AccountCase } from '#accounts/models/account_case'

/**
 * 手机号变更申请 (old phone lost), reviewed by staff.
 */
export default class PhoneChangeRequest extends AccountCase {
  static table = 'phone_change_requests'

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
