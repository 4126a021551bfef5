import { column } from '@adonisjs/lucid/orm'
import { AccountCase } from '#accounts/models/account_case'

/**
 * 账号申诉: asks for a deregistered account back; reviewed by staff.
 */
export default class AccountAppeal extends AccountCase {
  static table = 'account_appeals'

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
