import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'
import { depositLifecycle, type DepositStatus } from '#orgs/lifecycles'

/**
 * A 0.01 transfer to a corporate account (对公打款) for a claim: recorded
 * in the claim's transaction (待打款, with its own reference), then sent to
 * the bank outside it (#orgs/actions/deposits), its answer recorded
 * (已打款 / 银行未受理). The sandbox keeps its memo for staff (沙箱打款记录);
 * a real bank's memo is kept with its code masked.
 */
export default class BankTransfer extends UuidModel {
  static table = 'org_bank_transfers'

  @column()
  declare claimId: string

  /** the bank's requestId: one reference, one deposit */
  @column()
  declare reference: string | null

  @column()
  declare status: DepositStatus

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

  @column()
  declare attempts: number

  @column()
  declare lastError: string | null

  @column()
  declare bankTransferId: string | null

  @column.dateTime()
  declare sentAt: DateTime | null

  get statusLabel() {
    return depositLifecycle.label(this.status)
  }

  get statusTone() {
    return depositLifecycle.tone(this.status)
  }
}
