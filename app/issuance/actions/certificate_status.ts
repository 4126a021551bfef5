import db from '@adonisjs/lucid/services/db'
import type { AuditActor } from '#core/audit/audit_service'
import {
  isRevocationReason,
  type CertificateEvent,
  type RevocationReason,
  type StoredStatus,
} from '#issuance/certificate_lifecycle'
import { destroyCredential } from '#issuance/services/credentials'
import { IssuanceError } from '#issuance/services/errors'
import { loadCertificate, withPartners } from '#issuance/services/records'
import { afterCommit, applyTransition, prepareIssuers } from '#issuance/services/status_changes'
import { runRevocationHooks } from '#issuance/actions/revocation_hooks'

/**
 * 注销 / 冻结 / 解冻: the events of the certificate lifecycle
 * (#issuance/certificate_lifecycle), applied by services/status_changes.ts.
 */
export interface StatusChangeOptions {
  /** why (shown in the audit log); the back office requires it */
  note?: string | null
  actor?: AuditActor
}

export interface StatusChangeResult {
  /** the certificates changed: a cloud certificate's pair changes together */
  serials: string[]
  status: StoredStatus
  /** the issuing CA's new CRL number */
  crlNumber: number
}

async function change(
  serial: string,
  event: CertificateEvent,
  options: StatusChangeOptions & { reason?: RevocationReason }
): Promise<StatusChangeResult> {
  const row = await loadCertificate(serial)
  const rows = await withPartners(row)
  await prepareIssuers(rows)
  const note = options.note?.toString().trim().slice(0, 500) || null

  const result = await db.transaction(async (trx) => {
    const applied = await applyTransition(trx, rows, event, {
      reason: options.reason,
      audit: { note, actor: options.actor },
    })
    if (event === 'revoke' && row.credentialId) {
      // the keys of a revoked cloud certificate are destroyed; the
      // encryption key stays in the archive (key recovery)
      await destroyCredential(trx, row.credentialId)
    }
    return applied
  })
  afterCommit(result.serials)
  if (event === 'revoke') await runRevocationHooks(result.serials)
  return {
    serials: result.serials,
    status: result.to,
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
