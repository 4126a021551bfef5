import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type IssuedCertificate from '#issuance/models/issued_certificate'
import caRegistry from '#issuance/services/ca_registry'
import { publishCrl, type PublishedCrl } from '#issuance/services/crl'
import { dbTime } from '#issuance/services/db_time'
import { IssuanceError } from '#issuance/services/errors'
import { TRANSITIONS, assertTransition, type Transition } from '#issuance/services/lifecycle'
import { ocspCache } from '#issuance/services/ocsp'

/**
 * Apply a transition of the state machine to certificates of one issuer,
 * inside the caller's transaction, and publish the issuer's new CRL in
 * the same transaction. The caller writes the one audit entry and calls
 * `afterCommit` (OCSP answers from the new status at once).
 */
export async function applyTransition(
  trx: TransactionClientContract,
  rows: IssuedCertificate[],
  transition: Transition,
  options: { reason?: string; now?: Date } = {}
): Promise<{ crls: PublishedCrl[]; serials: string[] }> {
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000)
  const to = TRANSITIONS[transition].to
  for (const row of rows) assertTransition(transition, row.status, row.notAfter.toJSDate(), now)

  const changes =
    transition === 'revoke'
      ? {
          status: to,
          revoked_at: dbTime(now, trx),
          revocation_reason: options.reason ?? 'unspecified',
        }
      : transition === 'suspend'
        ? { status: to, revoked_at: dbTime(now, trx), revocation_reason: 'certificateHold' }
        : { status: to, revoked_at: null, revocation_reason: null }

  const serials = rows.map((r) => r.serial)
  // the status guard makes a concurrent change of the same certificate fail here
  const from = TRANSITIONS[transition].from as readonly string[]
  const updated = await trx
    .from('issued_certificates')
    .whereIn('serial', serials)
    .whereIn('status', from as string[])
    .update({ ...changes, status_changed_at: dbTime(now, trx), updated_at: dbTime(now, trx) })
  const count = Array.isArray(updated) ? updated.length : Number(updated)
  if (count !== serials.length) {
    throw new IssuanceError('transition_invalid', '证书状态已被其他操作改变，请刷新后重试')
  }

  const crls: PublishedCrl[] = []
  for (const issuerId of new Set(rows.map((r) => r.issuerId))) {
    const ca = await caRegistry.byId(issuerId, trx)
    if (ca) crls.push(await publishCrl(ca, trx, now))
  }
  // drop stale signed responses now; the cache key carries the status, so
  // a response signed between here and the commit cannot be served for the new status
  ocspCache.invalidate(serials)
  return { crls, serials }
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
