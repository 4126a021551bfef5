import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

export default class CertificateUnlock extends UuidModel {
  static table = 'certificate_unlocks'

  @column()
  declare certificateId: string

  @column()
  declare userId: string

  @column()
  declare method: 'identity' | 'sms'

  @column()
  declare medium: string

  @column()
  declare challenge: string | null
}
