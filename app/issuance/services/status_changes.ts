import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AuditActor } from '#core/audit/audit_service'
import type IssuedCertificate from '#issuance/models/issued_certificate'
import {
  certificateLifecycle,
  refusalOf,
  type CertificateEvent,
  type StoredStatus,
} from '#issuance/certificate_lifecycle'
import caRegistry from '#issuance/services/ca_registry'
import { publishCrl, type PublishedCrl } from '#issuance/services/crl'
import { dbTime } from '#issuance/services/db_time'
import { IssuanceError } from '#issuance/services/errors'
import { ocspCache } from '#issuance/services/ocsp'

export interface TransitionAudit {
  /** why (the back office requires it) */
  note?: string | null
  actor?: AuditActor
}

/**
 * Apply an event of the certificate lifecycle (#issuance/certificate_lifecycle)
 * to certificates of one holder (a certificate, or a cloud pair), inside
 * the caller's transaction: the machine decides for every row (an expired
 * certificate takes no event), a status-guarded UPDATE makes the change,
 * the issuers publish their new CRL in the same transaction, and — with
 * `audit` — the machine writes the one audit entry of the transition
 * (`issuance.certificate.<event>`, subject the first row). Renew, change
 * and reissue retire the old certificates without `audit`: their own
 * entry (`issuance.certificate.renew`, …) names the revoked serials.
 * The caller calls `afterCommit` (OCSP answers from the new status at once).
 */
export async function applyTransition(
  trx: TransactionClientContract,
  rows: IssuedCertificate[],
  event: CertificateEvent,
  options: { reason?: string; now?: Date; audit?: TransitionAudit } = {}
): Promise<{ crls: PublishedCrl[]; serials: string[]; from: StoredStatus; to: StoredStatus }> {
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000)
  let to: StoredStatus | null = null
  for (const row of rows) {
    const decision = certificateLifecycle.decide(event, row.status)
    if (!decision.ok) {
      throw new IssuanceError('transition_invalid', refusalOf(event, row.status), {
        current: row.status,
        transition: event,
      })
    }
    if (row.notAfter.toMillis() < now.getTime()) {
      throw new IssuanceError(
        'expired',
        `证书已过期，不能${certificateLifecycle.eventLabel(event)}`
      )
    }
    to = decision.to
  }
  if (!to) throw new Error('applyTransition: no certificate given')

  const revocationReason =
    event === 'revoke'
      ? (options.reason ?? 'unspecified')
      : event === 'suspend'
        ? 'certificateHold'
        : null
  const serials = rows.map((r) => r.serial)
  // the status guard makes a concurrent change of the same certificate fail here
  const updated = await trx
    .from('issued_certificates')
    .whereIn('serial', serials)
    .whereIn('status', certificateLifecycle.sources(event))
    .update({
      status: to,
      revoked_at: revocationReason ? dbTime(now, trx) : null,
      revocation_reason: revocationReason,
      status_changed_at: dbTime(now, trx),
      updated_at: dbTime(now, trx),
    })
  const count = Array.isArray(updated) ? updated.length : Number(updated)
  if (count !== serials.length) {
    throw new IssuanceError('transition_invalid', '证书状态已被其他操作改变，请刷新后重试')
  }

  const crls: PublishedCrl[] = []
  for (const issuerId of new Set(rows.map((r) => r.issuerId))) {
    const ca = await caRegistry.byId(issuerId, trx)
    if (ca) crls.push(await publishCrl(ca, trx, now))
  }

  const from = rows[0].status
  if (options.audit) {
    await certificateLifecycle.record(
      event,
      {
        from,
        to,
        subjectId: rows[0].serial,
        data: {
          serials,
          reason: revocationReason,
          note: options.audit.note ?? null,
          crls: crls.map((c) => ({ caId: c.caId, number: c.crlNumber })),
        },
      },
      trx,
      options.audit.actor
    )
  }
  // drop stale signed responses now; the cache key carries the status, so
  // a response signed between here and the commit cannot be served for the new status
  ocspCache.invalidate(serials)
  return { crls, serials, from, to }
}

/**
 * Decrypt the issuers' keys before opening a transaction (SQLite has one
 * connection: no query may run outside the transaction meanwhile).
 */
export async function prepareIssuers(rows: Array<{ issuerId: string }>) {
  for (const issuerId of new Set(rows.map((r) => r.issuerId))) {
    const ca = await caRegistry.byId(issuerId)
    if (ca) await caRegistry.privateKey(ca)
  }
}

export function afterCommit(serials: string[]) {
  ocspCache.invalidate(serials)
}
