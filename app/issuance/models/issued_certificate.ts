import { column } from '@adonisjs/lucid/orm'
import { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'
import type { Profile, Usage } from '#issuance/services/profiles'
import type { CertificateStatus } from '#issuance/certificate_lifecycle'

export const KEY_SOURCES = { csr: 'uKey（证书请求）', cloud: '云证书（密钥托管）' } as const
export type KeySource = keyof typeof KEY_SOURCES

/**
 * A certificate signed by one of our CAs.
 */
export default class IssuedCertificate extends UuidModel {
  static table = 'issued_certificates'

  @column()
  declare serial: string

  @column()
  declare issuerId: string

  @column()
  declare profile: Profile

  @column()
  declare usage: Usage

  @column()
  declare keySource: KeySource

  @column()
  declare credentialId: string | null

  @column()
  declare subjectDn: string

  @column()
  declare subjectName: string

  @column()
  declare subjectOrg: string | null

  @column()
  declare subjectIdNumber: string

  @column.dateTime()
  declare notBefore: DateTime

  @column.dateTime()
  declare notAfter: DateTime

  /** valid | suspended | revoked (stored); see `effectiveStatus` for expiry */
  @column()
  declare status: Exclude<CertificateStatus, 'expired'>

  @column.dateTime()
  declare statusChangedAt: DateTime

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column()
  declare revocationReason: string | null

  @column()
  declare reference: string | null

  @column()
  declare replacesSerial: string | null

  @column({ columnName: 'public_key_sha256' })
  declare publicKeySha256: string

  @column()
  declare keyBits: number

  @column({ columnName: 'sha256_fingerprint' })
  declare sha256Fingerprint: string

  /** base64 DER */
  @column({ serializeAs: null })
  declare der: string

  get isExpired() {
    return this.notAfter.toMillis() < Date.now()
  }

  get effectiveStatus(): CertificateStatus {
    if (this.status === 'revoked') return 'revoked'
    if (this.isExpired) return 'expired'
    return this.status
  }
}
