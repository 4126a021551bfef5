import db from '@adonisjs/lucid/services/db'
import CertificateAuthority, { CA_KINDS } from '#issuance/models/certificate_authority'
import caRegistry from '#issuance/services/ca_registry'
import { latestCrl } from '#issuance/services/crl'
import { dbTime } from '#issuance/services/db_time'
import { certUrlOf, crlUrlOf, ocspUrlOf } from '#issuance/services/pki_url'
import { colonHex } from '#issuance/services/x509'

/**
 * Read side of the CA: what /pki, /admin/ca and `ca:status` show.
 */
export interface CaSummary {
  id: string
  kind: 'root' | 'issuing'
  kindLabel: string
  parentId: string | null
  commonName: string
  subjectDn: string
  serial: string
  keyAlgorithm: string
  keyBits: number
  notBefore: Date
  notAfter: Date
  sha256Fingerprint: string
  sha1Fingerprint: string
  isCurrent: boolean
  /** the root's key is kept offline (its CRL is pre-signed) */
  keyOffline: boolean
  pkiBaseUrl: string
  certUrl: string
  crlUrl: string
  crl: { number: number; thisUpdate: Date; nextUpdate: Date; entries: number } | null
}

export interface CertificateCounts {
  valid: number
  suspended: number
  revoked: number
  expired: number
  total: number
}

export async function listCas(): Promise<CaSummary[]> {
  const rows = await CertificateAuthority.query()
    .orderBy('is_current', 'desc')
    .orderBy('created_at', 'asc')
  const out: CaSummary[] = []
  // the registry refreshes the stored PKI base URL (pkiUrls() reads it)
  await caRegistry.currentIds()
  for (const row of rows) {
    const crl = await latestCrl(row.id)
    const base = row.pkiBaseUrl ?? caRegistry.lastKnownBaseUrl() ?? ''
    out.push({
      id: row.id,
      kind: row.kind,
      kindLabel: CA_KINDS[row.kind],
      parentId: row.parentId,
      commonName: row.commonName,
      subjectDn: row.subjectDn,
      serial: row.serial.toUpperCase(),
      keyAlgorithm: row.keyAlgorithm,
      keyBits: row.keyBits,
      notBefore: row.notBefore.toJSDate(),
      notAfter: row.notAfter.toJSDate(),
      sha256Fingerprint: colonHex(row.sha256Fingerprint),
      sha1Fingerprint: colonHex(row.sha1Fingerprint),
      isCurrent: row.isCurrent,
      keyOffline: Boolean(row.keyOffline),
      pkiBaseUrl: base,
      certUrl: certUrlOf(base, row.id),
      crlUrl: crlUrlOf(base, row.id),
      crl: crl
        ? {
            number: crl.crlNumber,
            thisUpdate: crl.thisUpdate,
            nextUpdate: crl.nextUpdate,
            entries: crl.entries,
          }
        : null,
    })
  }
  // root first, then the CAs it signed
  return out.sort(
    (a, b) =>
      Number(b.isCurrent) - Number(a.isCurrent) ||
      (a.kind === 'root' ? -1 : 1) - (b.kind === 'root' ? -1 : 1)
  )
}

export async function certificateCounts(): Promise<CertificateCounts> {
  const now = dbTime(new Date())
  const rows = await db
    .from('issued_certificates')
    .select('status')
    .select(db.raw('sum(case when not_after < ? then 1 else 0 end) as expired', [now]))
    .count('* as total')
    .groupBy('status')
  const counts: CertificateCounts = { valid: 0, suspended: 0, revoked: 0, expired: 0, total: 0 }
  for (const r of rows) {
    const total = Number(r.total)
    const expired = Number(r.expired ?? 0)
    counts.total += total
    if (r.status === 'revoked') counts.revoked += total
    else {
      counts.expired += expired
      if (r.status === 'valid') counts.valid += total - expired
      if (r.status === 'suspended') counts.suspended += total - expired
    }
  }
  return counts
}

/**
 * 有效证书数 (dashboard).
 */
export async function countValidCertificates(): Promise<number> {
  const row = await db
    .from('issued_certificates')
    .where('status', 'valid')
    .where('not_after', '>=', dbTime(new Date()))
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

export async function caInitialised(): Promise<boolean> {
  const { issuingId } = await caRegistry.currentIds()
  return Boolean(issuingId)
}

/**
 * The PKI base URL stored with the CA and the OCSP URL, as the registry
 * last read them (call after listCas() or another registry read; empty
 * before the CA exists).
 */
export function pkiUrls() {
  const base = caRegistry.lastKnownBaseUrl() ?? ''
  return { base, ocsp: base ? ocspUrlOf(base) : '' }
}

/**
 * DER of a CA certificate by id or alias (`root`, `issuing`).
 */
export async function caCertificateDer(
  idOrAlias: string
): Promise<{ id: string; der: Buffer } | null> {
  const ca = await caRegistry.resolve(idOrAlias)
  return ca ? { id: ca.id, der: ca.der } : null
}

/**
 * DER of the newest CRL of a CA by id or alias.
 */
export async function caCrlDer(idOrAlias: string) {
  const ca = await caRegistry.resolve(idOrAlias)
  if (!ca) return null
  return latestCrl(ca.id)
}
