import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel } from '#core/orm'

/**
 * A signed e-contract (数字证书服务电子合同, manual 003 §3.2.1): the PDF
 * carrying the applicant's handwritten signature (and, if chosen, a seal)
 * and the office's seal, signed by the office's CA (PAdES).
 */
export default class SealContract extends UuidModel {
  static table = 'seal_contracts'

  @column()
  declare contractNo: string

  @column()
  declare userId: string

  @column()
  declare orgId: string | null

  @column()
  declare partyName: string

  @column()
  declare partyIdNumber: string | null

  @column()
  declare signerName: string

  @column()
  declare version: string

  @column()
  declare sealId: string | null

  @column({ columnName: 'signature_sha256' })
  declare signatureSha256: string

  @column()
  declare pdfKey: string

  /** the signer's ID photo (上传身份证件), private storage */
  @column()
  declare idPhotoKey: string | null

  @column({ columnName: 'pdf_sha256' })
  declare pdfSha256: string

  @column.dateTime()
  declare signedAt: DateTime

  /** the one-time token of the form it was signed from (a resubmission finds this contract) */
  @column()
  declare formToken: string | null
}
