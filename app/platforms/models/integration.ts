import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { UuidModel, booleanColumn, jsonColumn } from '#core/orm'

/**
 * An adapter enabled (or not yet) for one trading platform, with its
 * configuration; the secrets (the API secret and the adapter's secret
 * fields) are encrypted with the app key and never shown again.
 */
export default class Integration extends UuidModel {
  static table = 'platform_integrations'

  @column() declare platformId: string
  @column() declare platformName: string
  @column() declare adapter: string
  @column(booleanColumn) declare enabled: boolean
  @column() declare appId: string
  @column() declare platformCode: string
  @column() declare callbackUrl: string | null
  @column(jsonColumn) declare config: Record<string, string> | null
  @column({ serializeAs: null }) declare secretsEnc: string | null
  @column(booleanColumn) declare sandbox: boolean
  /** 按量扣费: each completed scan uses one from the scanner's package (套餐余量) */
  @column(booleanColumn) declare chargePerUse: boolean
  @column.dateTime() declare lastTestAt: DateTime | null
  @column() declare lastTestResult: string | null
}
