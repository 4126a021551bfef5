import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import IssuedCertificate from '#issuance/models/issued_certificate'
import caRegistry from '#issuance/services/ca_registry'
import { certsOnly } from '#issuance/services/cms'
import { dbTime } from '#issuance/services/db_time'
import {
  CERTIFICATE_STATUSES,
  STATUS_TONES,
  certificateLifecycle,
  reasonLabel,
  type CertificateEvent,
  type CertificateStatus,
} from '#issuance/certificate_lifecycle'
import { PROFILES, USAGES, type Profile } from '#issuance/services/profiles'
import { toInfo, type CertificateInfo } from '#issuance/services/records'
import { normaliseSerial } from '#issuance/services/serials'
import { colonHex, toPem } from '#issuance/services/x509'
import { KEY_SOURCES } from '#issuance/models/issued_certificate'

/**
 * Read side of issued certificates, for the certificates module, the
 * back office and the platforms.
 */

async function bySerial(serial: unknown): Promise<IssuedCertificate | null> {
  const hex = normaliseSerial(serial)
  return hex ? IssuedCertificate.query().where('serial', hex).first() : null
}

export async function findCertificate(serial: string): Promise<CertificateInfo | null> {
  const row = await bySerial(serial)
  return row ? toInfo(row) : null
}

/**
 * The certificates issued under a caller's reference (e.g. an order number).
 */
export async function certificatesByReference(
  reference: string,
  client?: TransactionClientContract
): Promise<CertificateInfo[]> {
  const rows = await IssuedCertificate.query({ client })
    .where('reference', reference)
    .orderBy('created_at', 'asc')
  return rows.map(toInfo)
}

export interface StatusInfo {
  serial: string
  status: CertificateStatus
  label: string
  notAfter: Date
  revokedAt: Date | null
  reason: string | null
}

/**
 * The current status of a certificate (what OCSP would say, plus expiry).
 */
export async function certificateStatus(serial: string): Promise<StatusInfo | null> {
  const row = await bySerial(serial)
  if (!row) return null
  const status = row.effectiveStatus
  return {
    serial: row.serial,
    status,
    label: CERTIFICATE_STATUSES[status],
    notAfter: row.notAfter.toJSDate(),
    revokedAt: row.revokedAt?.toJSDate() ?? null,
    reason: row.status === 'suspended' ? 'certificateHold' : row.revocationReason,
  }
}

export async function certificateDer(serial: string): Promise<Buffer | null> {
  const row = await bySerial(serial)
  return row ? Buffer.from(row.der, 'base64') : null
}

export async function certificatePem(serial: string): Promise<string | null> {
  const der = await certificateDer(serial)
  return der ? toPem(der) : null
}

/**
 * The chain as DER certificates: the certificate (when a serial is
 * given) first, then its issuing CA, then the root.
 */
async function chainDer(serial?: string): Promise<Buffer[] | null> {
  if (serial) {
    const row = await bySerial(serial)
    if (!row) return null
    const ca = await caRegistry.byId(row.issuerId)
    const cas = ca ? await caRegistry.chain(ca) : []
    return [Buffer.from(row.der, 'base64'), ...cas.map((c) => c.der)]
  }
  const issuing = await caRegistry.issuing()
  const chain = await caRegistry.chain(issuing)
  return chain.map((c) => c.der)
}

/**
 * PEM bundle of the chain (null when the serial is unknown).
 */
export async function chainPem(serial?: string): Promise<string | null> {
  const chain = await chainDer(serial)
  return chain ? chain.map((d) => toPem(d)).join('') : null
}

/**
 * PKCS#7 certs-only bundle (.p7b, DER) of the chain.
 */
export async function chainP7b(serial?: string): Promise<Buffer | null> {
  const chain = await chainDer(serial)
  return chain ? certsOnly(chain) : null
}

export type CertificateFormat = 'cer' | 'pem' | 'p7b' | 'chain'
export const CERTIFICATE_FORMATS: readonly CertificateFormat[] = ['cer', 'pem', 'p7b', 'chain']

/**
 * A certificate as a file to download (for `sendPrivateFile`): `cer` the
 * certificate in DER, `pem` in PEM, `p7b` the chain as PKCS#7 (DER),
 * `chain` the chain as PEM. Null when the serial or the format is unknown.
 */
export async function certificateFile(
  serial: string,
  format: unknown
): Promise<{ bytes: Buffer | string; mime: string; name: string } | null> {
  const hex = normaliseSerial(serial)
  if (!hex) return null
  const name = hex.toUpperCase()
  switch (format) {
    case 'cer': {
      const der = await certificateDer(hex)
      return der && { bytes: der, mime: 'application/pkix-cert', name: `${name}.cer` }
    }
    case 'pem': {
      const pem = await certificatePem(hex)
      return pem ? { bytes: pem, mime: 'application/x-pem-file', name: `${name}.pem` } : null
    }
    case 'p7b': {
      const p7b = await chainP7b(hex)
      return (
        p7b && { bytes: p7b, mime: 'application/x-pkcs7-certificates', name: `${name}-chain.p7b` }
      )
    }
    case 'chain': {
      const pem = await chainPem(hex)
      return pem ? { bytes: pem, mime: 'application/x-pem-file', name: `${name}-chain.pem` } : null
    }
    default:
      return null
  }
}

/* ------------------------------------------------------------------ */
/* Back-office search                                                  */
/* ------------------------------------------------------------------ */

export interface CertificateListItem {
  serial: string
  serialDisplay: string
  subjectName: string
  subjectOrg: string | null
  subjectIdNumber: string
  profileLabel: string
  usageLabel: string
  keySourceLabel: string
  notBefore: Date
  notAfter: Date
  status: CertificateStatus
  statusLabel: string
  statusTone: string
  reference: string | null
}

export interface SearchFilters {
  /** serial (hex, with or without colons), name, organisation, ID number / credit code, or reference */
  q?: string | null
  status?: CertificateStatus | null
  profile?: Profile | null
  page?: number
  perPage?: number
}

function listItem(row: IssuedCertificate): CertificateListItem {
  const status = row.effectiveStatus
  return {
    serial: row.serial,
    serialDisplay: row.serial.toUpperCase(),
    subjectName: row.subjectName,
    subjectOrg: row.subjectOrg,
    subjectIdNumber: row.subjectIdNumber,
    profileLabel: PROFILES[row.profile]?.label ?? row.profile,
    usageLabel: USAGES[row.usage] ?? row.usage,
    keySourceLabel: KEY_SOURCES[row.keySource] ?? row.keySource,
    notBefore: row.notBefore.toJSDate(),
    notAfter: row.notAfter.toJSDate(),
    status,
    statusLabel: CERTIFICATE_STATUSES[status],
    statusTone: STATUS_TONES[status],
    reference: row.reference,
  }
}

export async function searchCertificates(filters: SearchFilters) {
  const query = IssuedCertificate.query().orderBy('created_at', 'desc').orderBy('serial', 'asc')
  const q = filters.q?.trim()
  if (q) {
    const serial = normaliseSerial(q)
    /* lower() on both sides: LIKE ignores case on SQLite but not on PostgreSQL */
    const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`
    query.where((w) => {
      if (serial && serial.length >= 8) w.orWhere('serial', 'like', `${serial}%`)
      w.orWhere('subject_id_number', q.toUpperCase())
      w.orWhere('reference', q)
      w.orWhereRaw("lower(subject_name) like ? escape '\\'", [like])
      w.orWhereRaw("lower(subject_org) like ? escape '\\'", [like])
    })
  }
  const now = dbTime(new Date())
  switch (filters.status) {
    case 'valid':
      query.where('status', 'valid').where('not_after', '>=', now)
      break
    case 'suspended':
      query.where('status', 'suspended').where('not_after', '>=', now)
      break
    case 'revoked':
      query.where('status', 'revoked')
      break
    case 'expired':
      query.whereNot('status', 'revoked').where('not_after', '<', now)
      break
  }
  if (filters.profile) query.where('profile', filters.profile)
  const paginator = await query.paginate(
    Math.max(1, filters.page ?? 1),
    Math.min(100, filters.perPage ?? 20)
  )
  return { paginator, items: paginator.all().map(listItem) }
}

export interface CertificateDetail extends CertificateListItem {
  issuerId: string
  issuerName: string
  subjectDn: string
  usage: string
  keySource: string
  keyBits: number
  credentialId: string | null
  sha256Fingerprint: string
  revokedAt: Date | null
  revocationReason: string | null
  revocationReasonLabel: string
  replacesSerial: string | null
  replacedBy: string[]
  /** lifecycle events allowed now (suspend, resume, revoke); none once expired */
  allowed: CertificateEvent[]
  pem: string
}

/**
 * Everything the back office's detail page shows.
 */
export async function certificateDetail(serial: string): Promise<CertificateDetail | null> {
  const row = await bySerial(serial)
  if (!row) return null
  const ca = await caRegistry.byId(row.issuerId)
  const successors = await IssuedCertificate.query()
    .where('replaces_serial', row.serial)
    .select('serial')
  const allowed = row.isExpired ? [] : certificateLifecycle.eventsFrom(row.status)
  return {
    ...listItem(row),
    issuerId: row.issuerId,
    issuerName: ca?.commonName ?? row.issuerId,
    subjectDn: row.subjectDn,
    usage: row.usage,
    keySource: row.keySource,
    keyBits: row.keyBits,
    credentialId: row.credentialId,
    sha256Fingerprint: colonHex(row.sha256Fingerprint),
    revokedAt: row.revokedAt?.toJSDate() ?? null,
    revocationReason: row.revocationReason,
    revocationReasonLabel: reasonLabel(
      row.status === 'suspended' ? 'certificateHold' : row.revocationReason
    ),
    replacesSerial: row.replacesSerial,
    replacedBy: successors.map((s) => s.serial),
    allowed,
    pem: toPem(Buffer.from(row.der, 'base64')),
  }
}
