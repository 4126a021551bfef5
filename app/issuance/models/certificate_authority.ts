import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel, booleanColumn } from '#core/orm'

export const CA_KINDS = { root: '根 CA', issuing: '签发 CA' } as const
export type CaKind = keyof typeof CA_KINDS

/**
 * A CA of our hierarchy. The private key is never exposed by this model:
 * `encryptedKey` is opened by the CA registry (services/ca_registry.ts).
 */
export default class CertificateAuthority extends UuidModel {
  static table = 'certificate_authorities'

  @column()
  declare kind: CaKind

  @column()
  declare parentId: string | null

  @column()
  declare commonName: string

  @column()
  declare subjectDn: string

  @column()
  declare serial: string

  /** base64 DER */
  @column()
  declare certificate: string

  @column()
  declare keyAlgorithm: string

  @column()
  declare keyBits: number

  /** null when the key is kept offline (key_offline) */
  @column({ serializeAs: null })
  declare encryptedKey: string | null

  /** the root's key lives in an encrypted file off the server */
  @column(booleanColumn)
  declare keyOffline: boolean

  /** base of the CRL, OCSP and CA-issuer URLs, stored at ca:init */
  @column()
  declare pkiBaseUrl: string | null

  /** JSON: OCSP responses about this CA pre-signed by its offline parent */
  @column({ serializeAs: null })
  declare presignedOcsp: string | null

  @column()
  declare keyIdentifier: string

  @column({ columnName: 'sha256_fingerprint' })
  declare sha256Fingerprint: string

  @column({ columnName: 'sha1_fingerprint' })
  declare sha1Fingerprint: string

  @column.dateTime()
  declare notBefore: DateTime

  @column.dateTime()
  declare notAfter: DateTime

  @column(booleanColumn)
  declare isCurrent: boolean

  @column({ consume: (v: unknown) => Number(v ?? 0) })
  declare crlNumber: number

  get der(): Buffer {
    return Buffer.from(this.certificate, 'base64')
  }

  get kindLabel() {
    return CA_KINDS[this.kind] ?? this.kind
  }
}
