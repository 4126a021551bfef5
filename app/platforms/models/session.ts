import { column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'
import { StatefulModel } from './stateful.js'
import { jsonColumn } from '#core/orm'

export const SESSION_KINDS = {
  login: '扫码登录',
  sign: '扫码签名',
  seal_sign: '扫码签章',
  message_sign: '消息签名',
  encrypt: '获取加密证书',
  decrypt: '扫码解密',
} as const
export type SessionKind = keyof typeof SESSION_KINDS

export const SESSION_STATES = {
  created: { label: '待扫码', tone: 'info' },
  scanned: { label: '已扫码', tone: 'warning' },
  done: { label: '成功', tone: 'success' },
  refused: { label: '失败', tone: 'danger' },
  aborted: { label: '已取消', tone: 'muted' },
  expired: { label: '已过期', tone: 'muted' },
} as const
export type SessionState = keyof typeof SESSION_STATES

/**
 * A QR session a platform created: what it asks (login, a signature over
 * a hash, the encryption certificate, opening an envelope), who scanned
 * it and with which certificate, and the result the platform fetches.
 */
export default class PlatformSession extends StatefulModel {
  static states = SESSION_STATES
  static table = 'platform_sessions'

  @column() declare integrationId: string
  @column() declare kind: SessionKind
  @column() declare tid: string
  @column() declare state: SessionState
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
