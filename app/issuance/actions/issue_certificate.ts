import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import issuanceConfig from '#config/issuance'
import audit, { type AuditActor } from '#core/audit/audit_service'
import caRegistry, { type LoadedCa } from '#issuance/services/ca_registry'
import { spkiOf } from '#issuance/services/ca_setup'
import { insertCredential, prepareCredential } from '#issuance/services/cloud_pairs'
import { checkCsr } from '#issuance/services/csr'
import { checkPinFormat } from '#issuance/services/custody'
import { IssuanceError } from '#issuance/services/errors'
import { issuanceWriter } from '#issuance/services/issuance_writer'
import {
  buildCertificate,
  insertCertificates,
  keyUsedByAnother,
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
import { identityValue } from '#issuance/services/subject_identity'
import { faultPoint } from '#core/fault_points'

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
  const { ca, term, reference } = await issuingTerms(input)

  const built = await withSerialRetry(async () => {
    const cert = await buildCertificate(ca, csrSpec(input, subject, csr, term, reference), {
      signer: input.signer,
    })
    // group commit: the INSERT, the key-reuse check and the audit entry
    await issuanceWriter.write({
      built: [cert],
      keyCheck: { publicKeySha256: csr.publicKeySha256, idNumber: subject.idNumber },
      audit: csrAudit(cert, input.profile, reference, input.actor),
    })
    return cert
  })
  return infoOf(built)
}

function csrSpec(
  input: { profile: Profile; usage?: Usage },
  subject: ReturnType<typeof normaliseSubject>,
  csr: ReturnType<typeof checkCsr>,
  term: ReturnType<typeof resolveTerm>,
  reference: string | null
) {
  return {
    profile: input.profile,
    usage: input.usage ?? 'dual',
    subject,
    spki: csr.spki,
    keyBits: csr.keyBits,
    publicKeySha256: csr.publicKeySha256,
    term,
    keySource: 'csr' as const,
    reference,
  }
}

function csrAudit(
  cert: BuiltCertificate,
  profile: Profile,
  reference: string | null,
  actor?: AuditActor
) {
  return {
    action: 'issuance.certificate.issue',
    subjectType: 'issued_certificate',
    subjectId: cert.serial,
    data: {
      profile,
      usage: cert.spec.usage,
      keySource: 'csr',
      subject: cert.subjectDn,
      reference,
    },
    actor,
  }
}

/**
 * Issuance inside the caller's transaction, in two steps (issue 9 #1 and
 * #2): `prepare…` does everything that needs no lock and may be thrown
 * away (checks, key generation, loading the CA: no writes), then
 * `commit(trx)` signs and stores the certificate(s), the credential and
 * the audit entry in the caller's transaction, so that what the caller
 * writes with them (我的证书, the order's transition) commits together
 * with the CA's record or not at all. Nothing in `commit` uses any
 * connection but `trx`. A plan is committed at most once.
 */
export interface IssuePlan<T> {
  commit(trx: TransactionClientContract, options?: { actor?: AuditActor }): Promise<T>
}

/** a plan whose commit runs once (a second call is a programming error) */
export function oncePlan<T>(commit: IssuePlan<T>['commit']): IssuePlan<T> {
  let used = false
  return {
    commit(trx, options) {
      if (used) throw new Error('an issuance plan is committed once')
      used = true
      return commit(trx, options)
    },
  }
}

export async function prepareIssueFromCsr(
  input: Omit<IssueFromCsrInput, 'actor' | 'signer'>
): Promise<IssuePlan<CertificateInfo>> {
  const subject = normaliseSubject(input.profile, input.subject)
  const csr = checkCsr(input.csrPem)
  const { ca, term, reference } = await issuingTerms(input)
  // what signing reads (the CA key, the subject ID hash key) is loaded now, outside the transaction
  await warmSigning(ca, input.profile, subject.idNumber)
  return oncePlan(async (trx, options = {}) => {
    if (await keyUsedByAnother(csr.publicKeySha256, subject.idNumber, trx)) {
      throw new IssuanceError(
        'key_reused',
        '该密钥已用于其他持有人的有效证书，请在 uKey 中重新生成密钥'
      )
    }
    const built = await withSerialRetry(() =>
      savepoint(trx, async (sp) => {
        const cert = await buildCertificate(ca, csrSpec(input, subject, csr, term, reference), {
          client: sp,
        })
        await insertCertificates(sp, [cert])
        faultPoint('issuance.after_ca_insert')
        await audit.record(csrAudit(cert, input.profile, reference, options.actor), sp)
        faultPoint('issuance.after_ca_audit')
        return cert
      })
    )
    return infoOf(built)
  })
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
  const plan = await prepareCloudPair(input)
  return db.transaction((trx) => plan.commit(trx, { actor: input.actor }))
}

/**
 * A cloud pair to be issued in the caller's transaction (see IssuePlan):
 * the keys are generated and sealed now; `commit(trx)` signs both
 * certificates and stores them, the credential, the archived encryption
 * key and the one audit entry.
 */
export async function prepareCloudPair(
  input: Omit<IssueCloudPairInput, 'actor'>
): Promise<IssuePlan<CloudPairInfo>> {
  const subject = normaliseSubject(input.profile, input.subject)
  const pin = checkPinFormat(input.pin)
  const { ca, term, reference } = await issuingTerms(input)
  await warmSigning(ca, input.profile, subject.idNumber)

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
  return oncePlan(async (trx, options = {}) => {
    const [signing, encryption] = await withSerialRetry(() =>
      savepoint(trx, async (sp) => {
        const pair = await Promise.all([
          buildCertificate(
            ca,
            { ...common, usage: 'sign', spki: spkiOf(prepared.signKey) },
            { client: sp }
          ),
          buildCertificate(
            ca,
            { ...common, usage: 'encrypt', spki: spkiOf(prepared.encKey) },
            { client: sp }
          ),
        ])
        await insertCertificates(sp, pair)
        faultPoint('issuance.after_ca_insert')
        await insertCredential(
          sp,
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
            actor: options.actor,
          },
          sp
        )
        faultPoint('issuance.after_ca_audit')
        return pair
      })
    )
    return { credentialId, signing: infoOf(signing), encryption: infoOf(encryption) }
  })
}

/**
 * The issuing CA, the certificate's term (the requested validity within
 * the CA's) and the caller's reference.
 */
async function issuingTerms(input: { validity?: ValidityInput; reference?: string | null }) {
  const ca = await caRegistry.issuing()
  return { ca, term: resolveTerm(input.validity, ca), reference: cleanReference(input.reference) }
}

/**
 * Load (once per process) what signing needs from the database, before
 * the caller's transaction: inside it, a first load would wait for a
 * second pooled connection while holding the first (issue 9 #2: with
 * every connection held by such a transaction, nobody gets one).
 */
export async function warmSigning(ca: LoadedCa, profile: Profile, idNumber: string) {
  await caRegistry.privateKey(ca)
  await identityValue(profile, idNumber)
}

/**
 * A savepoint, so that a serial collision (a unique violation, which
 * aborts a PostgreSQL transaction) can be retried inside the caller's
 * transaction.
 */
export function savepoint<T>(
  trx: TransactionClientContract,
  work: (sp: TransactionClientContract) => Promise<T>
): Promise<T> {
  return trx.transaction(work)
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
