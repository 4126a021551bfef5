import { auditActionLabel } from '#core/audit/audit_service'
import { latestAuditEntries } from '#core/audit/queries'
import { reasonLabel } from '#issuance/certificate_lifecycle'
import { normaliseSerial } from '#issuance/services/serials'
import '#issuance/audit_actions'

export interface HistoryEntry {
  seq: number
  at: string
  action: string
  label: string
  actor: string
  note: string | null
  reason: string | null
}

const ACTOR_LABELS: Record<string, string> = {
  user: '申请人',
  staff: '工作人员',
  system: '系统',
  platform: '交易平台',
}

/**
 * The CA's audit entries that concern a certificate: its own, and those
 * of operations on its pair or its replacement that name it.
 */
export async function certificateHistory(serialInput: string, limit = 50): Promise<HistoryEntry[]> {
  const serial = normaliseSerial(serialInput)
  if (!serial) return []
  const rows = await latestAuditEntries(
    { actionPrefix: 'issuance', anyOf: [{ subjectId: serial }, { dataContains: serial }] },
    limit
  )
  return rows.map((row) => {
    let data: Record<string, any> = {}
    try {
      data = row.data ? JSON.parse(row.data) : {}
    } catch {
      data = {}
    }
    return {
      seq: Number(row.seq),
      at: row.createdAt,
      action: row.action,
      label: auditActionLabel(row.action),
      actor: `${ACTOR_LABELS[row.actorType] ?? row.actorType}${row.actorName ? '：' + row.actorName : ''}`,
      note: typeof data.note === 'string' ? data.note : null,
      reason: typeof data.reason === 'string' ? reasonLabel(data.reason) : null,
    }
  })
}
