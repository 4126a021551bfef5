import db from '@adonisjs/lucid/services/db'
import AuditLog from '#core/audit/audit_log'
import { auditActionLabel } from '#core/audit/audit_service'
import { shanghaiDayEnd, shanghaiDayStart } from '#core/time'
import { maskPhone } from '#core/validation/identity'
import { deviceLabel } from '#accounts/actions/device_sessions'
import { AUDIT_DATA_LABELS, AUDIT_VALUE_LABELS } from '#accounts/audit_actions'

/**
 * 操作日志: the audit entries about one applicant: what they did
 * themselves, what happened to their account (failed logins, staff
 * decisions) and to their requests. Read-only; entries are addressed by
 * their hash (never the sequence number).
 */
export interface LogFilters {
  action?: string
  from?: string
  to?: string
}

function forUser(userId: string) {
  return AuditLog.query().where((q) => {
    q.where((w) => w.where('actor_type', 'user').where('actor_id', userId))
      .orWhere((w) => w.where('subject_type', 'user').where('subject_id', userId))
      .orWhere((w) =>
        w
          .where('subject_type', 'phone_change_request')
          .whereIn(
            'subject_id',
            db.from('phone_change_requests').select('id').where('user_id', userId)
          )
      )
      .orWhere((w) =>
        w
          .where('subject_type', 'account_appeal')
          .whereIn('subject_id', db.from('account_appeals').select('id').where('user_id', userId))
      )
  })
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/

export async function paginateUserLogs(
  userId: string,
  filters: LogFilters,
  page: number,
  perPage = 20
) {
  const query = forUser(userId)
  if (filters.action) query.where('action', filters.action)
  if (filters.from && DATE_RE.test(filters.from)) {
    const start = shanghaiDayStart(filters.from)
    if (start) query.where('created_at', '>=', start.toISO()!)
  }
  if (filters.to && DATE_RE.test(filters.to)) {
    const end = shanghaiDayEnd(filters.to)
    if (end) query.where('created_at', '<=', end.toISO()!)
  }
  return query.orderBy('seq', 'desc').paginate(page, perPage)
}

/**
 * The kinds of entries this user has, for the 按类型筛选 select.
 */
export async function userLogActionTypes(userId: string): Promise<Record<string, string>> {
  const rows = await forUser(userId).distinct('action')
  const types: Record<string, string> = {}
  for (const row of rows) types[row.action] = auditActionLabel(row.action)
  return Object.fromEntries(Object.entries(types).sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')))
}

export async function findUserLogEntry(userId: string, hash: string) {
  if (!/^[0-9a-f]{64}$/.test(hash)) return null
  return forUser(userId).where('hash', hash).first()
}

export async function recentAccountEntries(userId: string, limit = 20) {
  return forUser(userId).orderBy('seq', 'desc').limit(limit)
}

export interface PresentedEntry {
  ref: string
  time: string
  action: string
  label: string
  actor: string
  ip: string | null
  device: string | null
  details: Array<{ label: string; value: string }>
}

function present(value: unknown, key: string, maskPhones: boolean): string {
  if (Array.isArray(value)) return value.map((v) => present(v, key, maskPhones)).join('、')
  if (value === null || value === undefined) return ''
  const text = String(value)
  const mapped = AUDIT_VALUE_LABELS[key]?.[text]
  if (mapped) return mapped
  if (maskPhones && /^1[3-9]\d{9}$/.test(text)) return maskPhone(text)
  return text
}

/**
 * An entry as the applicant reads it: Chinese labels, staff shown as
 * 工作人员, phones masked. Keys without a label are left out.
 */
export function presentEntry(
  entry: AuditLog,
  viewerUserId: string | null,
  options: { maskPhones?: boolean } = {}
): PresentedEntry {
  const maskPhones = options.maskPhones ?? true
  let actor = '系统'
  if (entry.actorType === 'user' && entry.actorId === viewerUserId) actor = '本人'
  else if (entry.actorType === 'user') actor = entry.actorName ?? '用户'
  else if (entry.actorType === 'staff')
    actor = viewerUserId ? '工作人员' : (entry.actorName ?? '工作人员')
  else if (entry.actorName) actor = entry.actorName
  const details: Array<{ label: string; value: string }> = []
  for (const [key, value] of Object.entries(entry.details ?? {})) {
    const label = AUDIT_DATA_LABELS[key]
    if (!label) continue
    const text = present(value, key, maskPhones)
    if (text) details.push({ label, value: text })
  }
  return {
    ref: entry.hash,
    time: entry.createdAt,
    action: entry.action,
    label: auditActionLabel(entry.action),
    actor,
    ip: entry.ip,
    device: entry.userAgent ? deviceLabel(entry.userAgent) : null,
    details,
  }
}
