import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { platformRecord } from './stateful.js'
import { jsonColumn } from '#core/orm'

export const TASK_STATES = {
  pending: { label: '待签署', tone: 'warning' },
  signed: { label: '已签署', tone: 'success' },
  refused: { label: '已拒签', tone: 'muted' },
} as const

/** 待办: a document hash a platform pushed to a holder to sign */
export default class PlatformTask extends platformRecord(TASK_STATES) {
  static table = 'platform_tasks'

  @column() declare userId: string
  @column() declare title: string
  @column() declare hash: string
  @column() declare reason: string | null
  @column(jsonColumn) declare result: Record<string, any> | null
  @column.dateTime() declare doneAt: DateTime | null
}
