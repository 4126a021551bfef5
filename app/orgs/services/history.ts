import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import OrgHistory from '#orgs/models/org_history'

/**
 * One line of an org's history (the audit log keeps the full record; this
 * is what members and the person see as 历史关联).
 */
export async function recordHistory(
  trx: TransactionClientContract,
  entry: {
    orgId: string
    userId: string | null
    event: string
    summary: string
    actorName?: string | null
  }
) {
  const row = new OrgHistory()
  row.useTransaction(trx)
  row.fill({
    orgId: entry.orgId,
    userId: entry.userId,
    event: entry.event,
    summary: entry.summary,
    actorName: entry.actorName ?? null,
  })
  await row.save()
  return row
}
