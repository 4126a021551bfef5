import { createHash, type KeyObject } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { faultPoint } from '#core/fault_points'
import {
  cleanReference,
  infoOf,
  oncePlan,
  savepoint,
  warmSigning,
  type IssuePlan,
} from '#issuance/actions/issue_certificate'
import type IssuedCertificate from '#issuance/models/issued_certificate'
import caRegistry, { type LoadedCa } from '#issuance/services/ca_registry'
import { spkiOf } from '#issuance/services/ca_setup'
import {
  archiveEncryptionKey,
  insertCredential,
  prepareCredential,
} from '#issuance/services/cloud_pairs'
import { checkCsr } from '#issuance/services/csr'
import { checkPinFormat } from '#issuance/services/custody'
import { destroyCredential, loadCredential, openWithCa } from '#issuance/services/credentials'
import { dbTime } from '#issuance/services/db_time'
import { IssuanceError } from '#issuance/services/errors'
import {
  buildCertificate,
  insertCertificates,
  keyUsedByAnother,
  resolveTerm,
  withSerialRetry,
  type BuiltCertificate,
  type CertificateSpec,
  type Term,
} from '#issuance/services/issuer'
import { renewalTerm } from '#issuance/services/renewal'
import {
  normaliseSubject,
  type NormalisedSubject,
  type Profile,
  type SubjectInput,
} from '#issuance/services/profiles'
import {
  loadCertificate,
  withPartners,
  type CertificateInfo,
  type CloudPairInfo,
} from '#issuance/services/records'
import { afterCommit, applyTransition, prepareIssuers } from '#issuance/services/status_changes'
import { parseCertificate, type NameAttribute } from '#issuance/services/x509'

/**
 * Renew (更新), change (变更) and reissue (补办) a certificate. Each
 * issues the new certificate(s) and retires the old one(s) in one
 * transaction: new rows, old ones revoked (superseded /
 * affiliationChanged / keyCompromise), a new CRL, one audit entry.
 *
 * Like new issuance (#issuance/actions/issue_certificate, issue 9), each
 * comes in two steps: `prepareRenew` / `prepareChangeSubject` /
 * `prepareReissue` check, generate keys and load what signing needs (no
 * writes), and the plan's `commit(trx)` writes everything in the
 * caller's transaction, so an order's service (issue 11) commits the
 * CA's certificates, the old ones' revocation, 我的证书 and the order's
 * transition together or not at all. `renew` / `changeSubject` /
 * `reissue` do both in a transaction of their own.
 *
 * A cloud certificate is handled as its pair: renew and change certify
 * the same keys again; reissue makes new keys (the old encryption keys
 * move into the new credential, so old envelopes still open).
 */

export type LifecycleResult =
  | { kind: 'csr'; certificate: CertificateInfo; replaced: string[] }
  | { kind: 'cloud'; pair: CloudPairInfo; replaced: string[] }

interface Replacement {
  old: IssuedCertificate
  /** the certificates in force on the same keys (the pair), old included */
  retiring: IssuedCertificate[]
  ca: LoadedCa
}

async function replacementOf(
  serial: string,
  allowed: Array<'valid' | 'suspended' | 'expired'>,
  verb: string
): Promise<Replacement> {
  const old = await loadCertificate(serial)
  const status = old.effectiveStatus
  if (status === 'revoked')
    throw new IssuanceError('transition_invalid', `证书已注销，不能${verb}，请重新申请`)
  if (!allowed.includes(status)) {
    if (status === 'suspended')
      throw new IssuanceError('transition_invalid', `证书已冻结，请先解冻后再${verb}`)
    if (status === 'expired') throw new IssuanceError('expired', `证书已过期，不能${verb}`)
  }
  const retiring = await withPartners(old)
  const ca = await caRegistry.issuing()
  await prepareIssuers([...retiring, { issuerId: ca.id }])
  return { old, retiring, ca }
}

function subjectOf(row: IssuedCertificate): {
  subject: NormalisedSubject
  attributes: NameAttribute[]
} {
  const parsed = parseCertificate(Buffer.from(row.der, 'base64'))
  return {
    subject: {
      name: row.subjectName,
      idNumber: row.subjectIdNumber,
      organization: row.subjectOrg,
      unit: null,
      province: null,
      city: null,
    },
    attributes: parsed.subject,
  }
}

function spkiOfRow(row: IssuedCertificate) {
  return parseCertificate(Buffer.from(row.der, 'base64')).spki
}

/**
 * What a replacement (更新, 变更, 补办) issues: the new certificates' term,
 * subject, profile and keys, and what its audit entry and transaction add.
 */
interface ReplacementSpec {
  term: Term
  subject: { subject: NormalisedSubject; attributes?: NameAttribute[] }
  profile: Profile
  keys: {
    sign?: Buffer
    enc?: Buffer
    csr?: { spki: Buffer; keyBits: number; publicKeySha256: string }
  }
  /** the cloud credential of the new certificates (null: a uKey's) */
  credentialId: string | null
  reference: string | null
  /** same-key cloud replacement: the encryption key to archive under the new serial */
  encKey?: KeyObject
  /** audit data besides the serials, revocation and term */
  extra: Record<string, unknown>
  /** more work in the replacement's transaction, once the new certificates are built */
  inTransaction?: (trx: TransactionClientContract, built: BuiltCertificate[]) => Promise<void>
}

/**
 * Build the replacement certificates: for a cloud pair, one per
 * retiring certificate role (sign, encrypt) on the keys given.
 */
async function buildReplacements(
  r: Replacement,
  { term, subject, profile, keys, credentialId, reference }: ReplacementSpec,
  client: TransactionClientContract
): Promise<BuiltCertificate[]> {
  const base = {
    profile,
    subject: subject.subject,
    subjectAttributes: subject.attributes,
    term,
    reference,
  }
  if (r.old.keySource === 'csr') {
    const spki = keys.csr?.spki ?? spkiOfRow(r.old)
    const spec: CertificateSpec = {
      ...base,
      usage: r.old.usage,
      spki,
      keyBits: keys.csr?.keyBits ?? r.old.keyBits,
      publicKeySha256: keys.csr?.publicKeySha256 ?? createHash('sha256').update(spki).digest('hex'),
      keySource: 'csr',
      replacesSerial: r.old.serial,
    }
    return [await buildCertificate(r.ca, spec, { client })]
  }
  /* a cloud pair: each certificate replaces the retiring one of its usage */
  const cloud = (usage: 'sign' | 'encrypt', key: Buffer | undefined) => {
    const retiring = r.retiring.find((c) => c.usage === usage)
    return buildCertificate(
      r.ca,
      {
        ...base,
        usage,
        spki: key ?? spkiOfRow(retiring!),
        keyBits: retiring?.keyBits ?? 2048,
        keySource: 'cloud',
        credentialId,
        replacesSerial: retiring?.serial ?? r.old.serial,
      },
      { client }
    )
  }
  return Promise.all([cloud('sign', keys.sign), cloud('encrypt', keys.enc)])
}

/**
 * Retire the old certificates that are still unexpired (expired ones
 * need no revocation) inside the transaction.
 */
async function retire(trx: TransactionClientContract, r: Replacement, reason: string) {
  const now = Date.now()
  const inForce = r.retiring.filter((c) => c.notAfter.toMillis() >= now)
  if (inForce.length === 0) return { serials: [] as string[], crlNumber: null as number | null }
  const applied = await applyTransition(trx, inForce, 'revoke', { reason })
  return { serials: applied.serials, crlNumber: applied.crls[0]?.crlNumber ?? null }
}

function result(
  r: Replacement,
  built: BuiltCertificate[],
  credentialId: string | null,
  replaced: string[]
): LifecycleResult {
  if (r.old.keySource === 'csr') return { kind: 'csr', certificate: infoOf(built[0]), replaced }
  return {
    kind: 'cloud',
    pair: { credentialId: credentialId!, signing: infoOf(built[0]), encryption: infoOf(built[1]) },
    replaced,
  }
}

function pairIsComplete(r: Replacement) {
  return r.retiring.some((c) => c.usage === 'sign') && r.retiring.some((c) => c.usage === 'encrypt')
}

/** what the caller of a replacement gives besides the certificate */
interface Acting {
  reference?: string | null
  actor?: AuditActor
}

export interface RenewInput extends Acting {
  serial: string
  years: number
  /** the product's renewal window in days (e.g. 60 or 90) */
  windowDays: number
  csrPem?: string | Buffer
  now?: Date
  /** 变更+更新: the new subject (and profile) of the renewed certificate (issue 11, additive) */
  subject?: SubjectInput
  profile?: Profile
}

export interface ChangeSubjectInput extends Acting {
  serial: string
  subject: SubjectInput
  profile?: Profile
  csrPem?: string | Buffer
}

export interface ReissueInput extends Acting {
  serial: string
  reason: 'keyCompromise' | 'superseded'
  /** uKey: the CSR of the new key */
  csrPem?: string | Buffer
  /** cloud: the PIN of the new keys */
  pin?: string
  /** 更新+补办: the new keys also get a renewed term (renewalTerm; issue 11, additive) */
  renewal?: { years: number; windowDays: number; now?: Date }
}

/** a plan committed in a transaction of its own (the standalone actions) */
function commitAlone(
  plan: IssuePlan<LifecycleResult>,
  actor: AuditActor | undefined
): Promise<LifecycleResult> {
  return db.transaction((trx) => plan.commit(trx, { actor }))
}

/**
 * 更新 / 延期: a new term computed by the renewal rule (renewalTerm), the
 * same subject; for a uKey a new CSR may bring a new key (else the same
 * key is certified again). The old certificate is revoked as superseded.
 */
export async function renew(input: RenewInput): Promise<LifecycleResult> {
  return commitAlone(await prepareRenew(input), input.actor)
}

export async function prepareRenew(input: RenewInput): Promise<IssuePlan<LifecycleResult>> {
  const r = await replacementOf(input.serial, ['valid', 'expired'], '更新')
  const now = input.now ?? new Date()
  const decision = renewalTerm({
    notAfter: r.old.notAfter.toJSDate(),
    years: input.years,
    windowDays: input.windowDays,
    now,
  })
  if (!decision.allowed)
    throw new IssuanceError('renewal_refused', decision.reason, { code: decision.code })
  const term = resolveTerm({ notBefore: now, notAfter: decision.notAfter }, r.ca, now)
  const csr =
    input.csrPem !== undefined && r.old.keySource === 'csr' ? checkCsr(input.csrPem) : undefined
  const encKey = r.old.keySource === 'cloud' ? await usableCredentialKey(r) : undefined
  const reference = cleanReference(input.reference ?? r.old.reference)
  const credentialId = r.old.credentialId

  const profile = input.profile ?? r.old.profile
  const subject = input.subject
    ? { subject: normaliseSubject(profile, input.subject) }
    : subjectOf(r.old)
  await warmSigning(r.ca, profile, subject.subject.idNumber)
  return replacementPlan(r, 'issuance.certificate.renew', 'superseded', {
    term,
    subject,
    profile,
    keys: { csr },
    credentialId,
    reference,
    encKey,
    extra: {
      years: input.years,
      runsFrom: decision.runsFrom,
      notAfter: decision.notAfter.toISOString(),
      ...(input.subject ? { from: r.old.subjectDn } : {}),
    },
  })
}

/**
 * 变更: a new subject (from the approved change order) on the same key(s)
 * (or a new CSR's key), the same expiry. The old certificate is revoked
 * as affiliationChanged.
 */
export async function changeSubject(input: ChangeSubjectInput): Promise<LifecycleResult> {
  return commitAlone(await prepareChangeSubject(input), input.actor)
}

export async function prepareChangeSubject(
  input: ChangeSubjectInput
): Promise<IssuePlan<LifecycleResult>> {
  const r = await replacementOf(input.serial, ['valid'], '变更')
  const profile = input.profile ?? r.old.profile
  const subject = normaliseSubject(profile, input.subject)
  const now = new Date()
  const term = resolveTerm({ notBefore: now, notAfter: r.old.notAfter.toJSDate() }, r.ca, now)
  const csr =
    input.csrPem !== undefined && r.old.keySource === 'csr' ? checkCsr(input.csrPem) : undefined
  if (csr && (await keyUsedByAnother(csr.publicKeySha256, subject.idNumber))) {
    throw new IssuanceError(
      'key_reused',
      '该密钥已用于其他持有人的有效证书，请在 uKey 中重新生成密钥'
    )
  }
  const encKey = r.old.keySource === 'cloud' ? await usableCredentialKey(r) : undefined
  const reference = cleanReference(input.reference ?? r.old.reference)
  const credentialId = r.old.credentialId
  await warmSigning(r.ca, profile, subject.idNumber)

  return replacementPlan(r, 'issuance.certificate.change', 'affiliationChanged', {
    term,
    subject: { subject },
    profile,
    keys: { csr },
    credentialId,
    reference,
    encKey,
    extra: { from: r.old.subjectDn },
  })
}

/**
 * 补办: new keys (a uKey's new CSR, or new cloud keys under a new PIN),
 * the same subject and expiry; the old certificate is revoked with the
 * given reason (keyCompromise for a lost key or phone, superseded).
 */
export async function reissue(input: ReissueInput): Promise<LifecycleResult> {
  return commitAlone(await prepareReissue(input), input.actor)
}

export async function prepareReissue(input: ReissueInput): Promise<IssuePlan<LifecycleResult>> {
  if (input.reason !== 'keyCompromise' && input.reason !== 'superseded') {
    throw new IssuanceError(
      'reason_invalid',
      '补办的注销原因应为密钥泄露或丢失（keyCompromise）或已被替代（superseded）'
    )
  }
  const r = await replacementOf(
    input.serial,
    input.renewal ? ['valid', 'suspended', 'expired'] : ['valid', 'suspended'],
    '补办'
  )
  const now = input.renewal?.now ?? new Date()
  let notAfter = r.old.notAfter.toJSDate()
  if (input.renewal) {
    const decision = renewalTerm({
      notAfter,
      years: input.renewal.years,
      windowDays: input.renewal.windowDays,
      now,
    })
    if (!decision.allowed)
      throw new IssuanceError('renewal_refused', decision.reason, { code: decision.code })
    notAfter = decision.notAfter
  }
  const term = resolveTerm({ notBefore: now, notAfter }, r.ca, now)
  const reference = cleanReference(input.reference ?? r.old.reference)
  await warmSigning(r.ca, r.old.profile, r.old.subjectIdNumber)

  if (r.old.keySource === 'csr') {
    if (input.csrPem === undefined)
      throw new IssuanceError('csr_invalid', '补办 uKey 证书需要新密钥的证书请求（CSR）')
    const csr = checkCsr(input.csrPem)
    if (csr.publicKeySha256 === r.old.publicKeySha256)
      throw new IssuanceError('key_reused', '补办必须使用新的密钥，请在 uKey 中重新生成证书请求')
    if (await keyUsedByAnother(csr.publicKeySha256, r.old.subjectIdNumber)) {
      throw new IssuanceError(
        'key_reused',
        '该密钥已用于其他持有人的有效证书，请在 uKey 中重新生成密钥'
      )
    }
    return replacementPlan(r, 'issuance.certificate.reissue', input.reason, {
      term,
      subject: subjectOf(r.old),
      profile: r.old.profile,
      keys: { csr },
      credentialId: null,
      reference,
      extra: { reason: input.reason },
    })
  }

  const pin = checkPinFormat(input.pin)
  // the old encryption keys (and those it had recovered) go with the holder
  const oldCredential = await loadCredential(r.old.credentialId)
  const history = new Map<string, KeyObject>()
  if (oldCredential.status === 'active') {
    const { ring } = await openWithCa(oldCredential)
    for (const [serial, key] of ring.history) history.set(serial, key)
    if (oldCredential.encSerial) history.set(oldCredential.encSerial, ring.enc)
  }
  const prepared = await prepareCredential(pin, history)
  return replacementPlan(r, 'issuance.certificate.reissue', input.reason, {
    term,
    subject: subjectOf(r.old),
    profile: r.old.profile,
    keys: { sign: spkiOf(prepared.signKey), enc: spkiOf(prepared.encKey) },
    credentialId: prepared.credentialId,
    reference,
    extra: {
      reason: input.reason,
      oldCredentialId: oldCredential.id,
      keysCarried: [...history.keys()],
    },
    inTransaction: async (trx, built) => {
      await insertCredential(
        trx,
        r.ca,
        prepared,
        { sign: built[0].serial, enc: built[1].serial },
        reference
      )
      await destroyCredential(trx, oldCredential.id)
    },
  })
}

/**
 * The credential of a cloud certificate that is renewed or changed must
 * still hold its keys; returns its encryption key (archived again under
 * the new encryption certificate's serial).
 */
async function usableCredentialKey(r: Replacement): Promise<KeyObject> {
  const credential = await loadCredential(r.old.credentialId)
  if (credential.status !== 'active') {
    throw new IssuanceError('credential_inactive', '该云证书的密钥已销毁，请办理补办')
  }
  if (!pairIsComplete(r))
    throw new IssuanceError('transition_invalid', '云证书的签名/加密证书不完整，请办理补办')
  const { ring } = await openWithCa(credential)
  return ring.enc
}

/**
 * The plan of a replacement: in the caller's transaction (a savepoint,
 * retried on a serial collision) retire the old certificates, publish
 * the CRL, insert the new ones (and the credential), audit. The OCSP
 * cache forgets the retired serials once the transaction has committed.
 */
function replacementPlan(
  r: Replacement,
  action: string,
  reason: string,
  spec: ReplacementSpec
): IssuePlan<LifecycleResult> {
  return oncePlan(async (trx, options = {}) => {
    const outcome = await withSerialRetry(() =>
      savepoint(trx, async (sp) => {
        const retired = await retire(sp, r, reason)
        const built = await buildReplacements(r, spec, sp)
        await insertCertificates(sp, built)
        faultPoint('issuance.after_ca_insert')
        if (spec.inTransaction) {
          await spec.inTransaction(sp, built)
        } else if (r.old.keySource === 'cloud' && spec.credentialId && spec.encKey) {
          // same keys, new certificates: point the credential at them and
          // archive the encryption key under its new serial too
          const enc = built.find((b) => b.spec.usage === 'encrypt')!
          await sp
            .from('cloud_credentials')
            .where('id', spec.credentialId)
            .update({
              sign_serial: built.find((b) => b.spec.usage === 'sign')!.serial,
              enc_serial: enc.serial,
              updated_at: dbTime(new Date(), sp),
            })
          await archiveEncryptionKey(sp, r.ca, enc.serial, spec.encKey, spec.credentialId)
        }
        await audit.record(
          {
            action,
            subjectType: 'issued_certificate',
            subjectId: built[0].serial,
            data: {
              serials: built.map((b) => b.serial),
              replaced: r.retiring.map((c) => c.serial),
              revoked: retired.serials,
              reason,
              crlNumber: retired.crlNumber,
              subject: built[0].subjectDn,
              notAfter: built[0].spec.term.notAfter.toISOString(),
              ...spec.extra,
            },
            actor: options.actor,
          },
          sp
        )
        faultPoint('issuance.after_ca_audit')
        return { built, retired }
      })
    )
    trx.after('commit', () => afterCommit(outcome.retired.serials))
    return result(
      r,
      outcome.built,
      spec.credentialId,
      r.retiring.map((c) => c.serial)
    )
  })
}
