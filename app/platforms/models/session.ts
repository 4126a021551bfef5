import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { platformRecord } from './stateful.js'
import { jsonColumn } from '#core/orm'
import { SHARED_STATES } from '#core/lifecycle'
import { CAPABILITIES, KIND_CAPABILITY } from '#platforms/adapters/contract'

export type SessionKind = keyof typeof KIND_CAPABILITY

/** what a session asks, in the words of the capability it needs (扫码登录, 扫码签名, …) */
export const SESSION_KINDS = Object.fromEntries(
  Object.entries(KIND_CAPABILITY).map(([kind, capability]) => [kind, CAPABILITIES[capability]])
) as { readonly [K in SessionKind]: (typeof CAPABILITIES)[(typeof KIND_CAPABILITY)[K]] }

export const SESSION_STATES = {
  created: { label: '待扫码', tone: 'info' },
  scanned: { label: '已扫码', tone: 'warning' },
  done: { label: '成功', tone: 'success' },
  refused: { label: '失败', tone: 'danger' },
  aborted: { label: '已取消', tone: 'muted' },
  expired: SHARED_STATES.expired,
} as const
export type SessionState = keyof typeof SESSION_STATES

/**
 * A QR session a platform created: what it asks (login, a signature over
 * a hash, the encryption certificate, opening an envelope), who scanned
 * it and with which certificate, and the result the platform fetches.
 */
export default class PlatformSession extends platformRecord(SESSION_STATES) {
  static table = 'platform_sessions'

  @column() declare kind: SessionKind
  @column() declare tid: string
  @column(jsonColumn) declare request: Record<string, any> | null
  @column(jsonColumn) declare result: Record<string, any> | null
  @column() declare error: string | null
  @column() declare userId: string | null
  /** acting for an org (切换身份) when scanned */
  @column() declare orgId: string | null
  @column() declare certificateId: string | null
  @column() declare certificateSerial: string | null
  @column.dateTime() declare openAt: DateTime | null
  @column.dateTime() declare expiresAt: DateTime
  @column.dateTime() declare scannedAt: DateTime | null
  @column.dateTime() declare finishedAt: DateTime | null

  get kindLabel() {
    return SESSION_KINDS[this.kind] ?? this.kind
  }

  get isOpen() {
    return (
      (this.state === 'created' || this.state === 'scanned') &&
      this.expiresAt.toMillis() > Date.now()
    )
  }
}
