import { auditActionLabel } from '#core/audit/audit_service'
import {
  auditIntegrity,
  auditVocabulary,
  checkAuditEntry,
  countAuditToday,
  findAuditEntry,
  neighbourSeqs,
  paginateAuditEntries,
} from '#core/audit/queries'
import { moduleNamed } from '#app/modules'
import { auditSubjectLabels } from '#admin/back_office'
import { compact, isoDate, oneOf, page, text } from '#core/http/list_filters'

export const ACTOR_TYPES = {
  user: '申请人',
  staff: '工作人员',
  system: '系统',
  platform: '交易平台',
} as const
export type ActorTypeKey = keyof typeof ACTOR_TYPES

export interface AuditLogFilters {
  action?: string
  actor_type?: ActorTypeKey
  actor?: string
  subject_type?: string
  subject_id?: string
  from?: string
  to?: string
}

export function parseAuditFilters(qs: Record<string, unknown>) {
  const action = text(qs.action, 100)
  const subjectType = text(qs.subject_type, 50)
  return {
    filters: compact<AuditLogFilters>({
      action: action && /^[\w.:-]+$/.test(action) ? action : undefined,
      actor_type: oneOf(qs.actor_type, Object.keys(ACTOR_TYPES) as ActorTypeKey[]),
      actor: text(qs.actor, 100),
      subject_type: subjectType && /^[\w.:-]+$/.test(subjectType) ? subjectType : undefined,
      subject_id: text(qs.subject_id, 64),
      from: isoDate(qs.from),
      to: isoDate(qs.to),
    }),
    page: page(qs.page),
  }
}

/**
 * The filter choices: every registered action (grouped by module, in
 * Chinese) plus any action present in the log without a label, and the
 * subject types present, named by the modules' declarations.
 */
export async function auditFilterOptions() {
  const { actionLabels, subjectTypes } = await auditVocabulary()
  const subjectLabels = await auditSubjectLabels()
  const actions = Object.entries(actionLabels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([value, label]) => ({ value, label: `${moduleLabel(value)} · ${label}` }))
  return {
    actions,
    subjectTypes: subjectTypes.map((value) => ({ value, label: subjectLabels[value] ?? value })),
  }
}

function moduleLabel(action: string) {
  return moduleNamed(action.split('.')[0])?.label ?? '其他'
}

/**
 * The Chinese name of a subject type, as a function the views call.
 */
export async function subjectTypeLabeller() {
  const labels = await auditSubjectLabels()
  return (type: string | null | undefined) => (type ? (labels[type] ?? type) : '')
}

export function actorTypeLabel(type: string): string {
  return ACTOR_TYPES[type as ActorTypeKey] ?? type
}

/**
 * 审计日志: newest first.
 */
export async function listAuditLogs(filters: AuditLogFilters, pageNumber = 1, perPage = 30) {
  return paginateAuditEntries(
    {
      action: filters.action,
      actorType: filters.actor_type,
      actor: filters.actor,
      subjectType: filters.subject_type,
      subjectId: filters.subject_id,
      from: filters.from,
      to: filters.to,
    },
    pageNumber,
    perPage
  )
}

export {
  auditActionLabel,
  auditIntegrity,
  checkAuditEntry as checkEntry,
  countAuditToday,
  findAuditEntry,
  neighbourSeqs,
}
