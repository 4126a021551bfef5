import type { KeyObject } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import issuanceConfig from '#config/issuance'
import { uuid } from '#core/ids'
import caRegistry, { type LoadedCa } from '#issuance/services/ca_registry'
import * as der from '#issuance/services/der'
import { CRL_REASON_CODES, OID, type CrlReason } from '#issuance/services/oids'
import { dbTime, fromDb } from '#issuance/services/db_time'
import { SHA256_WITH_RSA, extension, nativeSigner, signStructure } from '#issuance/services/x509'

export interface PublishedCrl {
  caId: string
  crlNumber: number
  thisUpdate: Date
  nextUpdate: Date
  entries: number
  der: Buffer
}

export interface CrlEntry {
  serial: string
  revokedAt: Date
  reason: string | null
}

/**
 * TBSCertList (RFC 5280 §5.1), v2, with the CRL number and AKI.
 */
export function tbsCertList(
  ca: LoadedCa,
  crlNumber: number,
  thisUpdate: Date,
  nextUpdate: Date,
  entries: CrlEntry[]
) {
  const revoked = entries.length
    ? der.seq(
        ...entries.map((e) => {
          const code = CRL_REASON_CODES[(e.reason ?? 'unspecified') as CrlReason]
          const exts =
            code !== undefined && code !== 0
              ? der.seq(extension(OID.reasonCode, false, der.enumerated(code)))
              : null
          return der.seq(
            der.integerFromBytes(Buffer.from(e.serial, 'hex')),
            der.x509Time(e.revokedAt),
            exts
          )
        })
      )
    : null
  return der.seq(
    der.integer(1),
    SHA256_WITH_RSA,
    ca.subjectName,
    der.x509Time(thisUpdate),
    der.x509Time(nextUpdate),
    revoked,
    der.explicit(
      0,
      der.seq(
        extension(OID.authorityKeyIdentifier, false, der.seq(der.implicit(0, ca.keyId))),
        extension(OID.cRLNumber, false, der.integer(crlNumber))
      )
    )
  )
}

/**
 * Revoked and suspended certificates of a CA that have not expired.
 */
async function entriesOf(
  ca: LoadedCa,
  client: TransactionClientContract,
  now: Date
): Promise<CrlEntry[]> {
  const rows = await client
    .from('issued_certificates')
    .where('issuer_id', ca.id)
    .whereIn('status', ['revoked', 'suspended'])
    .where('not_after', '>=', dbTime(now, client))
    .orderBy('revoked_at', 'asc')
    .select('serial', 'revoked_at', 'revocation_reason', 'status')
  return rows.map((r) => ({
    serial: r.serial,
    revokedAt: fromDb(r.revoked_at),
    reason: r.status === 'suspended' ? 'certificateHold' : r.revocation_reason,
  }))
}

/**
 * Publish a new CRL of `ca` (next CRL number) inside the caller's
 * transaction, so that a status change and its CRL commit together.
 * An offline root passes its key (brought out for the ceremony) and a
 * longer validity.
 */
export async function publishCrl(
  ca: LoadedCa,
  trx: TransactionClientContract,
  now = new Date(),
  options: { key?: KeyObject; validityHours?: number } = {}
): Promise<PublishedCrl> {
  const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000)
  const validityHours = options.validityHours ?? issuanceConfig.crl.validityHours
  const nextUpdate = new Date(thisUpdate.getTime() + validityHours * 3_600_000)

  const lock = trx.from('certificate_authorities').where('id', ca.id).select('crl_number')
  if (trx.dialect.name === 'postgres') lock.forUpdate()
  const row = await lock.first()
  const crlNumber = Number(row?.crl_number ?? 0) + 1

  const entries = await entriesOf(ca, trx, thisUpdate)
  const key = options.key ?? (await caRegistry.privateKey(ca, trx))
  const derBytes = await signStructure(
    tbsCertList(ca, crlNumber, thisUpdate, nextUpdate, entries),
    nativeSigner(key)
  )

  await trx
    .from('certificate_authorities')
    .where('id', ca.id)
    .update({ crl_number: crlNumber, updated_at: dbTime(new Date(), trx) })
  await trx
    .insertQuery()
    .table('certificate_revocation_lists')
    .insert({
      id: uuid(),
      ca_id: ca.id,
      crl_number: crlNumber,
      this_update: dbTime(thisUpdate, trx),
      next_update: dbTime(nextUpdate, trx),
      entries: entries.length,
      der: derBytes.toString('base64'),
      created_at: dbTime(new Date(), trx),
    })
  return { caId: ca.id, crlNumber, thisUpdate, nextUpdate, entries: entries.length, der: derBytes }
}

/**
 * The newest CRL of a CA, or null before the first one.
 */
export async function latestCrl(caId: string): Promise<PublishedCrl | null> {
  const row = await db
    .from('certificate_revocation_lists')
    .where('ca_id', caId)
    .orderBy('crl_number', 'desc')
    .first()
  if (!row) return null
  return {
    caId,
    crlNumber: Number(row.crl_number),
    thisUpdate: fromDb(row.this_update),
    nextUpdate: fromDb(row.next_update),
    entries: Number(row.entries),
    der: Buffer.from(row.der, 'base64'),
  }
}
