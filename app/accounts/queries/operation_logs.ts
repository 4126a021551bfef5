import db from '@adonisjs/lucid/services/db'
import { auditActionLabel, auditValueLabel } from '#core/audit/audit_service'
import { stateLabelOf } from '#core/lifecycle'
import {
  auditActionsMatching,
  latestAuditEntries,
  paginateAuditEntries,
  type AuditCriteria,
} from '#core/audit/queries'
import { maskPhone } from '#core/validation/identity'
import { deviceLabel } from '#accounts/actions/device_sessions'
import { AUDIT_DATA_LABELS, AUDIT_VALUE_LABELS } from '#accounts/audit_actions'

/**
 * 操作日志: the audit entries about one applicant: what they did
 * themselves, what happened to their account (failed logins, staff
 * decisions) and to their requests (phone changes, appeals, real-name
 * requests: subqueries of this module's own tables). Read through
 * #core/audit/queries; entries are addressed by their hash (never the
 * sequence number).
 */
export interface LogFilters {
  action?: string
  from?: string
  to?: string
}

function forUser(userId: string): AuditCriteria {
  const ofUser = (table: string) => db.from(table).select('id').where('user_id', userId)
  return {
    anyOf: [
      { actorType: 'user', actorId: userId },
      { subjectType: 'user', subjectId: userId },
      { subjectType: 'phone_change_request', subjectIds: ofUser('phone_change_requests') },
      { subjectType: 'account_appeal', subjectIds: ofUser('account_appeals') },
      { subjectType: 'real_name_request', subjectIds: ofUser('real_name_requests') },
    ],
  }
}

export type AuditEntry = Awaited<ReturnType<typeof latestAuditEntries>>[number]

export async function paginateUserLogs(
  userId: string,
  filters: LogFilters,
  page: number,
  perPage = 20
) {
  return paginateAuditEntries(
    {
      ...forUser(userId),
      action: filters.action || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
    },
    page,
    perPage
  )
}

/**
 * The kinds of entries this user has, for the 按类型筛选 select.
 */
export async function userLogActionTypes(userId: string): Promise<Record<string, string>> {
  const actions = await auditActionsMatching(forUser(userId))
  const types = actions.map((action) => [action, auditActionLabel(action)] as const)
  return Object.fromEntries(types.sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')))
}

export async function findUserLogEntry(userId: string, hash: string) {
  if (!/^[0-9a-f]{64}$/.test(hash)) return null
  const [entry] = await latestAuditEntries({ ...forUser(userId), hash }, 1)
  return entry ?? null
}

/**
 * An account's latest entries as staff read them (the back office's
 * 申请人 and 账号申诉 pages): actor names and phones shown.
 */
export async function recentEntriesForStaff(userId: string, limit = 20) {
  const entries = await latestAuditEntries(forUser(userId), limit)
  return entries.map((entry) => presentEntry(entry, null, { maskPhones: false }))
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

/** data keys that hold a state of the entry's lifecycle */
const STATE_KEYS = new Set(['from', 'to', 'status'])

function present(value: unknown, key: string, entry: AuditEntry, maskPhones: boolean): string {
  if (Array.isArray(value)) return value.map((v) => present(v, key, entry, maskPhones)).join('、')
  if (value === null || value === undefined) return ''
  const text = String(value)
  const mapped =
    AUDIT_VALUE_LABELS[key]?.[text] ??
    (STATE_KEYS.has(key) ? stateLabelOf(text, entry) : undefined) ??
    auditValueLabel(key, text)
  if (mapped) return mapped
  if (maskPhones && /^1[3-9]\d{9}$/.test(text)) return maskPhone(text)
  return text
}

/**
 * An entry as the applicant reads it: Chinese labels, staff shown as
 * 工作人员, phones masked. Keys without a label are left out.
 */
export function presentEntry(
  entry: AuditEntry,
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
    const text = present(value, key, entry, maskPhones)
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
