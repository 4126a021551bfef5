import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

/**
 * A transfer the bank adapter made to a corporate account (对公打款): the
 * sandbox keeps them here for staff (沙箱打款记录), memo included.
 */
export default class BankTransfer extends UuidModel {
  static table = 'org_bank_transfers'

  @column()
  declare claimId: string

  @column()
  declare bankName: string

  @column()
  declare bankAccount: string

  @column()
  declare payeeName: string

  @column()
  declare amountFen: number

  @column()
  declare memo: string

  @column()
  declare driver: string
}
