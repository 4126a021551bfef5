import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel, booleanColumn } from '#core/orm'

export type CredentialStatus = 'active' | 'destroyed'

/**
 * A cloud certificate's keys (signing + encryption), kept by CertDesk.
 * The boxes are opaque here: services/custody.ts seals and opens them.
 */
export default class CloudCredential extends UuidModel {
  static table = 'cloud_credentials'

  @column()
  declare status: CredentialStatus

  @column()
  declare signSerial: string | null

  @column()
  declare encSerial: string | null

  @column()
  declare reference: string | null

  @column({ serializeAs: null })
  declare keyBox: string | null

  @column({ serializeAs: null })
  declare pinWrap: string | null

  @column({ serializeAs: null })
  declare caWrap: string | null

  @column()
  declare pinFailures: number

  @column.dateTime()
  declare lockedAt: DateTime | null

  @column(booleanColumn)
  declare pinIsInitial: boolean

  @column.dateTime()
  declare pinChangedAt: DateTime | null

  @column.dateTime()
  declare destroyedAt: DateTime | null
}
