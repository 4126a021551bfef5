import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel, jsonColumn } from '#core/orm'
import { sealKind } from '#seals/queries/kinds'
import { sealLifecycle, type SealStatus } from '#seals/lifecycles'

export const SEAL_SOURCES = {
  template: '模板制作',
  photo: '拍照识别',
  signature: '手写签名',
  auto: '随证书自动生成',
} as const

/**
 * An electronic seal or handwritten signature of a person or an org, bound
 * to a certificate, with its GB/T 38540 data signed by the office.
 */
export default class Seal extends UuidModel {
  static table = 'seals'

  @column()
  declare code: string

  @column()
  declare ownerType: 'person' | 'org'

  @column()
  declare ownerUserId: string | null

  @column()
  declare orgId: string | null

  @column()
  declare kind: string

  @column()
  declare name: string

  @column()
  declare source: keyof typeof SEAL_SOURCES

  @column(jsonColumn)
  declare face: Record<string, unknown> | null

  @column()
  declare imageKey: string

  @column({ columnName: 'image_sha256' })
  declare imageSha256: string

  @column()
  declare imageWidth: number

  @column()
  declare imageHeight: number

  @column()
  declare certSerial: string | null

  @column()
  declare certSubject: string | null

  @column.dateTime()
  declare validFrom: DateTime

  @column.dateTime()
  declare validTo: DateTime

  @column()
  declare status: SealStatus

  @column()
  declare eslData: string

  @column()
  declare eslSignature: string | null

  @column()
  declare createdById: string | null

  @column()
  declare revokeReason: string | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  /** the 印章套餐 an org seal took its use from (null: a person's seal, free) */
  @column()
  declare packageId: string | null

  get kindLabel() {
    return sealKind(this.kind)?.label ?? this.kind
  }

  get sourceLabel() {
    return SEAL_SOURCES[this.source] ?? this.source
  }

  get statusLabel() {
    return sealLifecycle.label(this.status)
  }

  get statusTone() {
    return sealLifecycle.tone(this.status)
  }
}
