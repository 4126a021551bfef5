import { createHash, type KeyObject } from 'node:crypto'
import { formatDate } from '#core/time'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import issuanceConfig from '#config/issuance'
import { uuid } from '#core/ids'
import caRegistry, { type LoadedCa } from '#issuance/services/ca_registry'
import { IssuanceError } from '#issuance/services/errors'
import {
  EXTENDED_KEY_USAGES,
  KEY_USAGES,
  policyOid,
  subjectAttributes,
  type NormalisedSubject,
  type Profile,
  type Usage,
} from '#issuance/services/profiles'
import { dbTime } from '#issuance/services/db_time'
import { identityValue, withIdentity } from '#issuance/services/subject_identity'
import { newSerial } from '#issuance/services/serials'
import { addYears } from '#issuance/services/renewal'
import {
  authorityInfoAccessExtension,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  certificatePoliciesExtension,
  crlDistributionPointsExtension,
  encodeName,
  extKeyUsageExtension,
  fingerprint,
  forgeSigner,
  keyIdentifier,
  keyUsageExtension,
  nameToString,
  nativeSigner,
  signStructure,
  subjectKeyIdExtension,
  tbsCertificate,
  type NameAttribute,
  type Signer,
} from '#issuance/services/x509'

/**
 * How long a certificate is valid: whole years (default 1) or days from
 * now, or explicit bounds (renewal computes them).
 */
export interface ValidityInput {
  years?: number
  days?: number
  notBefore?: Date
  notAfter?: Date
}

export interface Term {
  notBefore: Date
  notAfter: Date
}

function wholeSeconds(date: Date) {
  return new Date(Math.floor(date.getTime() / 1000) * 1000)
}

/**
 * Check and resolve a validity request against the configuration and the
 * issuing CA's own expiry.
 */
export function resolveTerm(
  validity: ValidityInput | undefined,
  ca: LoadedCa,
  now = new Date()
): Term {
  const v = validity ?? {}
  const notBefore = wholeSeconds(v.notBefore ?? now)
  let notAfter: Date
  if (v.notAfter) {
    notAfter = wholeSeconds(v.notAfter)
  } else if (v.days !== undefined) {
    if (!Number.isInteger(v.days) || v.days < 1 || v.days > issuanceConfig.maxYears * 366) {
      throw new IssuanceError('validity_invalid', '证书有效期天数不正确')
    }
    notAfter = new Date(notBefore.getTime() + v.days * 86_400_000)
  } else {
    const years = v.years ?? 1
    if (!Number.isInteger(years) || years < 1 || years > issuanceConfig.maxYears) {
      throw new IssuanceError(
        'validity_invalid',
        `证书有效期应为 1 至 ${issuanceConfig.maxYears} 年`
      )
    }
    notAfter = addYears(notBefore, years)
  }
  if (
    Number.isNaN(notBefore.getTime()) ||
    Number.isNaN(notAfter.getTime()) ||
    notAfter <= notBefore
  ) {
    throw new IssuanceError('validity_invalid', '证书有效期不正确')
  }
  // a renewal runs on from the old expiry, which may lie up to a year ahead
  if (notAfter.getTime() > addYears(notBefore, issuanceConfig.maxYears + 1).getTime()) {
    throw new IssuanceError('validity_invalid', `证书有效期不能超过 ${issuanceConfig.maxYears} 年`)
  }
  if (notAfter.getTime() > ca.notAfter.getTime()) {
    throw new IssuanceError(
      'ca_validity_exceeded',
      `签发 CA 的有效期至 ${formatDate(ca.notAfter)}，不足以签发该有效期的证书，请缩短年限或联系 CA 管理员`
    )
  }
  return { notBefore, notAfter }
}

export interface CertificateSpec {
  profile: Profile
  usage: Usage
  subject: NormalisedSubject
  /**
   * the subject Name to keep (renewal keeps the old one; its serialNumber
   * follows the profile's current rule); default from `subject`
   */
  subjectAttributes?: NameAttribute[]
  spki: Buffer
  keyBits: number
  publicKeySha256?: string
  term: Term
  keySource: 'csr' | 'cloud'
  credentialId?: string | null
  reference?: string | null
  replacesSerial?: string | null
}

export interface BuiltCertificate {
  id: string
  serial: string
  der: Buffer
  /** SHA-256 of the DER, hex */
  sha256: string
  subjectDn: string
  spec: CertificateSpec
  ca: LoadedCa
}

/**
 * Extensions of an end-entity certificate. All but the subject key
 * identifier depend only on the CA (and its stored PKI base URL), the
 * usage and the profile: they are encoded once and reused.
 */
const fixedExtensions = new Map<string, Buffer[]>()

function endEntityExtensions(ca: LoadedCa, spec: CertificateSpec): Buffer[] {
  const cacheKey = `${ca.id}|${ca.pkiBaseUrl}|${issuanceConfig.policyArc}|${spec.usage}|${spec.profile}`
  let fixed = fixedExtensions.get(cacheKey)
  if (!fixed) {
    fixed = [
      basicConstraintsExtension(false),
      keyUsageExtension(KEY_USAGES[spec.usage]),
      extKeyUsageExtension(EXTENDED_KEY_USAGES[spec.usage]),
      authorityKeyIdExtension(ca.keyId),
      crlDistributionPointsExtension(ca.crlUrl),
      authorityInfoAccessExtension(ca.ocspUrl, ca.certUrl),
      certificatePoliciesExtension([policyOid(spec.profile)], ca.pkiBaseUrl),
    ]
    fixedExtensions.set(cacheKey, fixed)
  }
  return [
    fixed[0],
    fixed[1],
    fixed[2],
    subjectKeyIdExtension(keyIdentifier(spec.spki)),
    ...fixed.slice(3),
  ]
}

const signers = new WeakMap<KeyObject, Map<string, Signer>>()

async function signerFor(
  ca: LoadedCa,
  kind: 'native' | 'forge',
  client?: TransactionClientContract
): Promise<Signer> {
  const key = await caRegistry.privateKey(ca, client)
  let byKind = signers.get(key)
  if (!byKind) {
    byKind = new Map()
    signers.set(key, byKind)
  }
  let signer = byKind.get(kind)
  if (!signer) {
    signer = kind === 'native' ? nativeSigner(key) : forgeSigner(key)
    byKind.set(kind, signer)
  }
  return signer
}

/**
 * Build and sign (no database yet). The serial is fresh from the CSPRNG.
 */
export async function buildCertificate(
  ca: LoadedCa,
  spec: CertificateSpec,
  options: { signer?: 'native' | 'forge'; client?: TransactionClientContract } = {}
): Promise<BuiltCertificate> {
  const identity = await identityValue(spec.profile, spec.subject.idNumber, options.client)
  const attributes = spec.subjectAttributes
    ? withIdentity(spec.subjectAttributes, identity)
    : subjectAttributes(spec.subject, identity)
  const serial = newSerial()
  const tbs = tbsCertificate({
    serialHex: serial,
    issuerName: ca.subjectName,
    subjectName: encodeName(attributes),
    notBefore: spec.term.notBefore,
    notAfter: spec.term.notAfter,
    spki: spec.spki,
    extensions: endEntityExtensions(ca, spec),
  })
  const signer = await signerFor(ca, options.signer ?? 'native', options.client)
  const der = await signStructure(tbs, signer)
  return {
    id: uuid(),
    serial,
    der,
    sha256: fingerprint(der),
    subjectDn: nameToString(attributes),
    spec,
    ca,
  }
}

/**
 * The row of a built certificate.
 */
export function certificateRow(
  built: BuiltCertificate,
  client: TransactionClientContract,
  now = new Date()
) {
  const { spec } = built
  const at = dbTime(now, client)
  return {
    id: built.id,
    serial: built.serial,
    issuer_id: built.ca.id,
    profile: spec.profile,
    usage: spec.usage,
    key_source: spec.keySource,
    credential_id: spec.credentialId ?? null,
    subject_dn: built.subjectDn,
    subject_name: spec.subject.name,
    subject_org: spec.subject.organization,
    subject_id_number: spec.subject.idNumber,
    not_before: dbTime(spec.term.notBefore, client),
    not_after: dbTime(spec.term.notAfter, client),
    status: 'valid',
    status_changed_at: at,
    revoked_at: null,
    revocation_reason: null,
    reference: spec.reference ?? null,
    replaces_serial: spec.replacesSerial ?? null,
    public_key_sha256: spec.publicKeySha256 ?? createHash('sha256').update(spec.spki).digest('hex'),
    key_bits: spec.keyBits,
    sha256_fingerprint: built.sha256,
    der: built.der.toString('base64'),
    created_at: at,
    updated_at: at,
  }
}

function isUniqueViolation(error: any) {
  const text = `${error?.code ?? ''} ${error?.message ?? ''}`
  return /SQLITE_CONSTRAINT|23505|unique/i.test(text) && /serial/i.test(text)
}

/**
 * Insert built certificates inside the caller's transaction. A serial
 * collision (2^-126) surfaces as a unique violation: the caller rebuilds.
 */
export async function insertCertificates(
  trx: TransactionClientContract,
  built: BuiltCertificate[]
) {
  const now = new Date()
  const rows = built.map((b) => certificateRow(b, trx, now))
  const columns = Object.keys(rows[0])
  const tuple = `(${columns.map(() => '?').join(', ')})`
  try {
    // one plain multi-row INSERT (the query builder spends more time
    // compiling 24 columns × N rows than SQLite spends inserting them)
    for (let i = 0; i < rows.length; i += 40) {
      const chunk = rows.slice(i, i + 40)
      await trx.rawQuery(
        `insert into issued_certificates (${columns.join(', ')}) values ${chunk.map(() => tuple).join(', ')}`,
        chunk.flatMap((row) => columns.map((c) => (row as Record<string, any>)[c])) as any[]
      )
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw new SerialCollision()
    throw error
  }
}

export class SerialCollision extends Error {}

/**
 * Run `work` (build + insert) again when a serial collides.
 */
export async function withSerialRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (error instanceof SerialCollision && attempt < 3) continue
      throw error
    }
  }
}

/**
 * Is this key already certified for someone else (a different ID number)
 * on a certificate that is still in force?
 */
export async function keyUsedByAnother(
  publicKeySha256: string,
  idNumber: string,
  client?: TransactionClientContract
) {
  const row = await (client ?? db)
    .from('issued_certificates')
    .where('public_key_sha256', publicKeySha256)
    .whereNot('subject_id_number', idNumber)
    .whereIn('status', ['valid', 'suspended'])
    .where('not_after', '>', dbTime(new Date(), client))
    .select('serial')
    .first()
  return Boolean(row)
}
