import db from '@adonisjs/lucid/services/db'
import issuanceConfig from '#config/issuance'
import audit, { type AuditActor } from '#core/audit/audit_service'
import caRegistry, { type LoadedCa } from '#issuance/services/ca_registry'
import { latestCrl, publishCrl, type PublishedCrl } from '#issuance/services/crl'

/**
 * Publish a new CRL for every CA whose key is online (crl:publish, the
 * back office's 立即发布 button; an offline root's CRL is re-signed with
 * `ca:root-crl`). One audit entry for the run.
 */
export async function publishAllCrls(
  options: { actor?: AuditActor; note?: string } = {}
): Promise<PublishedCrl[]> {
  const all = await caRegistry.all()
  const cas = all.filter((ca) => ca.notAfter.getTime() > Date.now() && !ca.keyOffline)
  return publishFor(cas, { note: options.note ?? null, actor: options.actor })
}

/**
 * New CRLs of the given CAs (their keys loaded before the transaction),
 * one audit entry for the run.
 */
async function publishFor(
  cas: LoadedCa[],
  run: { note: string | null; actor?: AuditActor; now?: Date }
): Promise<PublishedCrl[]> {
  if (cas.length === 0) return []
  for (const ca of cas) await caRegistry.privateKey(ca)
  return db.transaction(async (trx) => {
    const out: PublishedCrl[] = []
    for (const ca of cas) out.push(await publishCrl(ca, trx, run.now))
    await audit.record(
      {
        action: 'issuance.crl.publish',
        subjectType: 'certificate_authority',
        subjectId: cas[0].id,
        data: {
          crls: out.map((c) => ({ caId: c.caId, number: c.crlNumber, entries: c.entries })),
          note: run.note,
        },
        actor: run.actor,
      },
      trx
    )
    return out
  })
}

/**
 * Republish the CRLs that expire within `refreshBeforeHours` (the CAs
 * whose key is online; an offline root's pre-signed CRL is only reported
 * by offlineRootDue()).
 */
export async function refreshDueCrls(now = new Date()): Promise<PublishedCrl[]> {
  const all = await caRegistry.all()
  const cas = all.filter((ca) => ca.notAfter.getTime() > now.getTime() && !ca.keyOffline)
  const due: LoadedCa[] = []
  for (const ca of cas) {
    const crl = await latestCrl(ca.id)
    if (
      !crl ||
      crl.nextUpdate.getTime() - now.getTime() < issuanceConfig.crl.refreshBeforeHours * 3_600_000
    )
      due.push(ca)
  }
  return publishFor(due, { note: '定期发布', actor: { type: 'system', name: 'CRL 定时发布' }, now })
}

/**
 * Offline roots whose pre-signed CRL (and OCSP responses) run out within
 * `offlineRoot.warnBeforeDays`: the operator brings the key file out and
 * runs ca:root-crl.
 */
export async function offlineRootsDue(
  now = new Date()
): Promise<Array<{ caId: string; nextUpdate: Date | null }>> {
  const all = await caRegistry.all()
  const out: Array<{ caId: string; nextUpdate: Date | null }> = []
  for (const ca of all) {
    if (!ca.keyOffline || ca.notAfter.getTime() <= now.getTime()) continue
    const crl = await latestCrl(ca.id)
    if (
      !crl ||
      crl.nextUpdate.getTime() - now.getTime() <
        issuanceConfig.offlineRoot.warnBeforeDays * 86_400_000
    )
      out.push({ caId: ca.id, nextUpdate: crl?.nextUpdate ?? null })
  }
  return out
}
