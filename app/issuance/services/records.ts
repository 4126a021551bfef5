import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import IssuedCertificate from '#issuance/models/issued_certificate'
import { IssuanceError } from '#issuance/services/errors'
import type { CertificateStatus } from '#issuance/certificate_lifecycle'
import type { Profile, Usage } from '#issuance/services/profiles'
import { normaliseSerial } from '#issuance/services/serials'
import { toPem } from '#issuance/services/x509'

/**
 * What the issuance module tells its callers about a certificate.
 */
export interface CertificateInfo {
  /** lower-case hex, 32 digits for our serials */
  serial: string
  issuerId: string
  profile: Profile
  usage: Usage
  keySource: 'csr' | 'cloud'
  credentialId: string | null
  subjectDn: string
  subject: { name: string; idNumber: string; organization: string | null }
  notBefore: Date
  notAfter: Date
  /** valid | suspended | revoked | expired */
  status: CertificateStatus
  revokedAt: Date | null
  revocationReason: string | null
  reference: string | null
  replacesSerial: string | null
  sha256Fingerprint: string
  pem: string
}

export interface CloudPairInfo {
  credentialId: string
  signing: CertificateInfo
  encryption: CertificateInfo
}

export function toInfo(row: IssuedCertificate): CertificateInfo {
  return {
    serial: row.serial,
    issuerId: row.issuerId,
    profile: row.profile,
    usage: row.usage,
    keySource: row.keySource,
    credentialId: row.credentialId,
    subjectDn: row.subjectDn,
    subject: { name: row.subjectName, idNumber: row.subjectIdNumber, organization: row.subjectOrg },
    notBefore: row.notBefore.toJSDate(),
    notAfter: row.notAfter.toJSDate(),
    status: row.effectiveStatus,
    revokedAt: row.revokedAt ? row.revokedAt.toJSDate() : null,
    revocationReason: row.status === 'suspended' ? 'certificateHold' : row.revocationReason,
    reference: row.reference,
    replacesSerial: row.replacesSerial,
    sha256Fingerprint: row.sha256Fingerprint,
    pem: toPem(Buffer.from(row.der, 'base64')),
  }
}

/**
 * The certificate with this serial, or a not_found error.
 */
export async function loadCertificate(
  serialInput: unknown,
  client?: TransactionClientContract
): Promise<IssuedCertificate> {
  const serial = normaliseSerial(serialInput)
  const row = serial
    ? await IssuedCertificate.query({ client }).where('serial', serial).first()
    : null
  if (!row) throw new IssuanceError('not_found', '证书不存在（请核对序列号）')
  return row
}

/**
 * The certificate and, for a cloud certificate, the other certificates
 * still in force on the same keys (the pair is handled as one).
 */
export async function withPartners(
  row: IssuedCertificate,
  client?: TransactionClientContract
): Promise<IssuedCertificate[]> {
  if (!row.credentialId) return [row]
  const others = await IssuedCertificate.query({ client })
    .where('credential_id', row.credentialId)
    .whereIn('status', ['valid', 'suspended'])
    .whereNot('id', row.id)
  return [row, ...others]
}
