import db from '@adonisjs/lucid/services/db'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { destroyCredential } from '#issuance/services/credentials'
import { IssuanceError } from '#issuance/services/errors'
import {
  TRANSITIONS,
  isRevocationReason,
  type RevocationReason,
  type Transition,
} from '#issuance/services/lifecycle'
import { loadCertificate, withPartners } from '#issuance/services/records'
import { afterCommit, applyTransition, prepareIssuers } from '#issuance/services/status_changes'

export interface StatusChangeOptions {
  /** why (shown in the audit log); the back office requires it */
  note?: string | null
  actor?: AuditActor
}

export interface StatusChangeResult {
  /** the certificates changed: a cloud certificate's pair changes together */
  serials: string[]
  status: 'valid' | 'suspended' | 'revoked'
  /** the issuing CA's new CRL number */
  crlNumber: number
}

const ACTIONS: Record<Transition, string> = {
  revoke: 'issuance.certificate.revoke',
  suspend: 'issuance.certificate.suspend',
  resume: 'issuance.certificate.resume',
}

async function change(
  serial: string,
  transition: Transition,
  options: StatusChangeOptions & { reason?: RevocationReason }
): Promise<StatusChangeResult> {
  const row = await loadCertificate(serial)
  const rows = await withPartners(row)
  await prepareIssuers(rows)
  const note = options.note?.toString().trim().slice(0, 500) || null

  const result = await db.transaction(async (trx) => {
    const applied = await applyTransition(trx, rows, transition, { reason: options.reason })
    if (transition === 'revoke' && row.credentialId) {
      // the keys of a revoked cloud certificate are destroyed; the
      // encryption key stays in the archive (key recovery)
      await destroyCredential(trx, row.credentialId)
    }
    await audit.record(
      {
        action: ACTIONS[transition],
        subjectType: 'issued_certificate',
        subjectId: row.serial,
        data: {
          serials: applied.serials,
          from: rows.map((r) => r.status),
          to: TRANSITIONS[transition].to,
          reason:
            transition === 'revoke'
              ? options.reason
              : transition === 'suspend'
                ? 'certificateHold'
                : null,
          note,
          crls: applied.crls.map((c) => ({ caId: c.caId, number: c.crlNumber })),
        },
        actor: options.actor,
      },
      trx
    )
    return applied
  })
  afterCommit(result.serials)
  return {
    serials: result.serials,
    status: TRANSITIONS[transition].to,
    crlNumber: result.crls[0]?.crlNumber ?? 0,
  }
}

/**
 * Revoke a certificate with an RFC 5280 reason (a cloud certificate's
 * pair is revoked together and its keys destroyed). In one transaction:
 * the status, a new CRL, the audit entry; OCSP answers "revoked" at once.
 */
export async function revoke(
  serial: string,
  reason: RevocationReason,
  options: StatusChangeOptions = {}
) {
  if (!isRevocationReason(reason)) throw new IssuanceError('reason_invalid', '请选择有效的注销原因')
  return change(serial, 'revoke', { ...options, reason })
}

/**
 * Suspend (冻结, certificateHold): listed on the CRL, OCSP "revoked" with
 * reason certificateHold, until resumed.
 */
export async function suspend(serial: string, options: StatusChangeOptions = {}) {
  return change(serial, 'suspend', options)
}

/**
 * Resume (解冻) a suspended certificate.
 */
export async function resume(serial: string, options: StatusChangeOptions = {}) {
  return change(serial, 'resume', options)
}
