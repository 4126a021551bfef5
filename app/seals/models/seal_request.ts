import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { ReviewCase } from '#core/review_case'
import { jsonColumn } from '#core/orm'
import Seal from '#seals/models/seal'

export const SEAL_REQUEST_TYPES = { create: '新增印章', replace: '更换印章' } as const

/**
 * A seal awaiting staff review: a new org seal or one taken from a photo
 * (新增印章), or a new face for an existing seal (更换印章, with a reason).
 */
export default class SealRequest extends ReviewCase {
  static table = 'seal_requests'

  @column()
  declare requestNo: string

  @column()
  declare sealId: string

  @belongsTo(() => Seal)
  declare seal: BelongsTo<typeof Seal>

  @column()
  declare type: keyof typeof SEAL_REQUEST_TYPES

  @column()
  declare userId: string

  @column()
  declare reason: string | null

  @column()
  declare imageKey: string | null

  @column({ columnName: 'image_sha256' })
  declare imageSha256: string | null

  @column()
  declare imageWidth: number | null

  @column()
  declare imageHeight: number | null

  @column(jsonColumn)
  declare face: Record<string, unknown> | null

  /** replace: the seal's GB/T 38540 data with the new face, signed by the office at the request */
  @column()
  declare eslData: string | null

  @column()
  declare eslSignature: string | null

  @column(jsonColumn)
  declare extraction: { confidence: number; verdict: string; reasons: string[] } | null

  get typeLabel() {
    return SEAL_REQUEST_TYPES[this.type] ?? this.type
  }
}
