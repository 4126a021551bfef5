import db from '@adonisjs/lucid/services/db'
import issuanceConfig from '#config/issuance'
import audit, { type AuditActor } from '#core/audit/audit_service'
import caRegistry from '#issuance/services/ca_registry'
import { spkiOf } from '#issuance/services/ca_setup'
import { insertCredential, prepareCredential } from '#issuance/services/cloud_pairs'
import { checkCsr } from '#issuance/services/csr'
import { checkPinFormat } from '#issuance/services/custody'
import { IssuanceError } from '#issuance/services/errors'
import { issuanceWriter } from '#issuance/services/issuance_writer'
import {
  buildCertificate,
  insertCertificates,
  resolveTerm,
  withSerialRetry,
  type BuiltCertificate,
  type ValidityInput,
} from '#issuance/services/issuer'
import {
  normaliseSubject,
  type Profile,
  type SubjectInput,
  type Usage,
} from '#issuance/services/profiles'
import { type CertificateInfo, type CloudPairInfo } from '#issuance/services/records'
import { toPem } from '#issuance/services/x509'

export interface IssueFromCsrInput {
  /** PKCS#10 from the uKey, PEM or DER (base64 text is accepted too) */
  csrPem: string | Buffer
  profile: Profile
  /** from the approved order, never from the CSR */
  subject: SubjectInput
  validity?: ValidityInput
  /** the caller's reference, e.g. the order number */
  reference?: string | null
  /** dual (default): one certificate for signing and encryption; sign / encrypt: one role */
  usage?: Usage
  actor?: AuditActor
  /** benchmark only: sign with node-forge instead of node:crypto */
  signer?: 'native' | 'forge'
}

/**
 * Issue a certificate for the key in a CSR (uKey 制证). The CSR's
 * signature and key strength are checked; its subject is ignored.
 */
export async function issueFromCsr(input: IssueFromCsrInput): Promise<CertificateInfo> {
  const subject = normaliseSubject(input.profile, input.subject)
  const csr = checkCsr(input.csrPem)
  const ca = await caRegistry.issuing()
  const term = resolveTerm(input.validity, ca)
  const reference = cleanReference(input.reference)

  const built = await withSerialRetry(async () => {
    const cert = await buildCertificate(
      ca,
      {
        profile: input.profile,
        usage: input.usage ?? 'dual',
        subject,
        spki: csr.spki,
        keyBits: csr.keyBits,
        publicKeySha256: csr.publicKeySha256,
        term,
        keySource: 'csr',
        reference,
      },
      { signer: input.signer }
    )
    // group commit: the INSERT, the key-reuse check and the audit entry
    await issuanceWriter.write({
      built: [cert],
      keyCheck: { publicKeySha256: csr.publicKeySha256, idNumber: subject.idNumber },
      audit: {
        action: 'issuance.certificate.issue',
        subjectType: 'issued_certificate',
        subjectId: cert.serial,
        data: {
          profile: input.profile,
          usage: cert.spec.usage,
          keySource: 'csr',
          subject: cert.subjectDn,
          reference,
        },
        actor: input.actor,
      },
    })
    return cert
  })
  return infoOf(built)
}

export interface IssueCloudPairInput {
  profile: Profile
  subject: SubjectInput
  validity?: ValidityInput
  /** the holder's PIN (by default the last 6 digits of the applicant's phone) */
  pin: string
  reference?: string | null
  actor?: AuditActor
}

/**
 * Issue a cloud certificate: CertDesk generates a signing key and an
 * encryption key, certifies both (a pair), keeps them sealed under the
 * holder's PIN and archives the encryption key under the CA's key.
 */
export async function issueCloudPair(input: IssueCloudPairInput): Promise<CloudPairInfo> {
  const subject = normaliseSubject(input.profile, input.subject)
  const pin = checkPinFormat(input.pin)
  const ca = await caRegistry.issuing()
  const term = resolveTerm(input.validity, ca)
  const reference = cleanReference(input.reference)

  const prepared = await prepareCredential(pin)
  const credentialId = prepared.credentialId

  const common = {
    profile: input.profile,
    subject,
    keyBits: issuanceConfig.endEntityKeyBits,
    term,
    keySource: 'cloud' as const,
    credentialId,
    reference,
  }
  const [signing, encryption] = await withSerialRetry(async () => {
    const pair = await Promise.all([
      buildCertificate(ca, { ...common, usage: 'sign', spki: spkiOf(prepared.signKey) }),
      buildCertificate(ca, { ...common, usage: 'encrypt', spki: spkiOf(prepared.encKey) }),
    ])
    await db.transaction(async (trx) => {
      await insertCertificates(trx, pair)
      await insertCredential(
        trx,
        ca,
        prepared,
        { sign: pair[0].serial, enc: pair[1].serial },
        reference
      )
      await audit.record(
        {
          action: 'issuance.certificate.issue_pair',
          subjectType: 'issued_certificate',
          subjectId: pair[0].serial,
          data: {
            profile: input.profile,
            keySource: 'cloud',
            credentialId,
            signSerial: pair[0].serial,
            encSerial: pair[1].serial,
            subject: pair[0].subjectDn,
            reference,
          },
          actor: input.actor,
        },
        trx
      )
    })
    return pair
  })
  return { credentialId, signing: infoOf(signing), encryption: infoOf(encryption) }
}

export function cleanReference(reference: unknown): string | null {
  if (reference === undefined || reference === null || reference === '') return null
  const text = String(reference).trim()
  if (text.length > 64) throw new IssuanceError('subject_invalid', '业务参考号不能超过 64 个字符')
  return text || null
}

/**
 * The info of a certificate just built (same shape as from the database).
 */
export function infoOf(built: BuiltCertificate): CertificateInfo {
  const { spec } = built
  return {
    serial: built.serial,
    issuerId: built.ca.id,
    profile: spec.profile,
    usage: spec.usage,
    keySource: spec.keySource,
    credentialId: spec.credentialId ?? null,
    subjectDn: built.subjectDn,
    subject: {
      name: spec.subject.name,
      idNumber: spec.subject.idNumber,
      organization: spec.subject.organization,
    },
    notBefore: spec.term.notBefore,
    notAfter: spec.term.notAfter,
    status: 'valid',
    revokedAt: null,
    revocationReason: null,
    reference: spec.reference ?? null,
    replacesSerial: spec.replacesSerial ?? null,
    sha256Fingerprint: built.sha256,
    pem: toPem(built.der),
  }
}
