import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { platformRecord } from './stateful.js'

export const WEBHOOK_STATES = {
  pending: { label: '投递中', tone: 'warning' },
  delivered: { label: '已送达', tone: 'success' },
  failed: { label: '失败', tone: 'danger' },
} as const

/** one callback to the platform's URL, delivered by the job queue */
export default class PlatformWebhook extends platformRecord(WEBHOOK_STATES) {
  static table = 'platform_webhooks'

  @column() declare sessionId: string | null
  /** a callback that goes once per integration (e.g. `issued:<serial>`) */
  @column() declare dedupKey: string | null
  @column() declare event: string
  @column() declare url: string
  @column() declare body: string
  @column() declare attempts: number
  @column() declare lastStatus: number | null
  @column() declare lastError: string | null
  @column.dateTime() declare deliveredAt: DateTime | null
}
