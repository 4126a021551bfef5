import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

/**
 * Every SMS the system sends. With the "outbox" driver this table is the
 * delivery itself (staff read it in the back office); with "http" it is
 * the sending record, with verification codes masked.
 */
export default class SmsMessage extends UuidModel {
  static table = 'sms_messages'

  @column()
  declare phone: string

  @column()
  declare content: string

  @column()
  declare purpose: string

  @column()
  declare driver: string

  /** sent | failed */
  @column()
  declare status: string

  @column()
  declare providerMessageId: string | null

  @column()
  declare error: string | null
}
