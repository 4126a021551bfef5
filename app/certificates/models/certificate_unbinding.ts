import { column } from '@adonisjs/lucid/orm'
import { UuidModel } from '#core/orm'

export default class CertificateUnbinding extends UuidModel {
  static table = 'certificate_unbindings'

  @column()
  declare certificateId: string

  @column()
  declare userId: string

  @column()
  declare platformName: string

  @column()
  declare platformAccount: string

  @column()
  declare reason: string | null

  @column()
  declare status: 'recorded' | 'done'
}
