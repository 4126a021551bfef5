import { createHash, createPublicKey, verify as verifyNative, type KeyObject } from 'node:crypto'
import audit, { type AuditActor } from '#core/audit/audit_service'
import IssuedCertificate from '#issuance/models/issued_certificate'
import caRegistry from '#issuance/services/ca_registry'
import {
  openEnvelope,
  pkcs1DigestAlgorithm,
  signDetached,
  signHashPkcs1,
  verifyDetached,
  verifyHashPkcs1,
  type RecipientKey,
} from '#issuance/services/cms'
import { openWithPin } from '#issuance/services/credentials'
import { IssuanceError } from '#issuance/services/errors'
import type { CertificateStatus } from '#issuance/certificate_lifecycle'
import {
  fromPem,
  keyIdentifier,
  parseCertificate,
  toPem,
  type ParsedCertificate,
} from '#issuance/services/x509'
import { normaliseSerial } from '#issuance/services/serials'
import { WEAK_HASHES } from '#issuance/services/oids'

/**
 * Signing services for the platforms module (扫码签名、加密、解密):
 * sign data or a SHA-256 hash with a cloud certificate after the PIN
 * (PKCS#1 v1.5 or detached CMS), verify signatures, and open digital
 * envelopes with the holder's encryption key.
 */

export type SignatureFormat = 'pkcs1' | 'cms'

export interface SignInput {
  credentialId: string
  pin: string
  /** the content to sign… */
  data?: Buffer | string
  /** …or its SHA-256 (32 bytes, or 64 hex digits) */
  hash?: Buffer | string
  format: SignatureFormat
  /** what is being signed, for the holder's usage log (e.g. "投标文件签名") */
  purpose?: string
  reference?: string | null
  actor?: AuditActor
}

export interface SignResult {
  format: SignatureFormat
  /** PKCS#1: the RSA signature; CMS: DER ContentInfo(SignedData), detached */
  signature: Buffer
  signatureBase64: string
  /** SHA-256 of the content, hex */
  digest: string
  serial: string
  certificatePem: string
  signedAt: Date
}

function digestOf(data: Buffer | string | undefined, hash: Buffer | string | undefined): Buffer {
  if (hash !== undefined && hash !== null) {
    const value = Buffer.isBuffer(hash)
      ? hash
      : /^[0-9a-fA-F]{64}$/.test(hash)
        ? Buffer.from(hash, 'hex')
        : Buffer.from(hash, 'base64')
    if (value.length !== 32)
      throw new IssuanceError('hash_invalid', '摘要应为 32 字节的 SHA-256 值')
    return value
  }
  if (data === undefined || data === null)
    throw new IssuanceError('hash_invalid', '请提供待签名的原文或其 SHA-256 摘要')
  return createHash('sha256').update(data).digest()
}

/**
 * A certificate of ours that must be in force right now.
 */
async function certificateInForce(serial: string | null, what: string): Promise<IssuedCertificate> {
  const cert = serial ? await IssuedCertificate.query().where('serial', serial).first() : null
  if (!cert) throw new IssuanceError('not_found', `${what}不存在`)
  const status = cert.effectiveStatus
  if (status === 'suspended')
    throw new IssuanceError('transition_invalid', `${what}已冻结，请先办理解冻`)
  if (status === 'revoked') throw new IssuanceError('credential_inactive', `${what}已注销`)
  if (status === 'expired') throw new IssuanceError('expired', `${what}已过期，请办理更新`)
  return cert
}

async function chainOf(cert: IssuedCertificate): Promise<Buffer[]> {
  const ca = await caRegistry.byId(cert.issuerId)
  return ca ? caRegistry.chain(ca).then((list) => list.map((c) => c.der)) : []
}

/**
 * Sign with the holder's signing key (PIN required; wrong PINs counted).
 */
export async function signData(input: SignInput): Promise<SignResult> {
  if (input.format !== 'pkcs1' && input.format !== 'cms')
    throw new IssuanceError('hash_invalid', '签名格式应为 pkcs1 或 cms')
  const digest = digestOf(input.data, input.hash)
  const { credential, ring } = await openWithPin(input.credentialId, input.pin, input.actor)
  const cert = await certificateInForce(credential.signSerial, '签名证书')
  const certDer = Buffer.from(cert.der, 'base64')
  const signedAt = new Date()
  const signature =
    input.format === 'pkcs1'
      ? signHashPkcs1(ring.sign, digest)
      : signDetached({
          key: ring.sign,
          signer: parseCertificate(certDer),
          chain: await chainOf(cert).then((list) => list.slice(0, -1)),
          digest,
          signingTime: signedAt,
        })
  await audit.record({
    action: 'issuance.credential.sign',
    subjectType: 'cloud_credential',
    subjectId: credential.id,
    data: {
      serial: cert.serial,
      format: input.format,
      digest: digest.toString('hex'),
      purpose: input.purpose?.slice(0, 100) ?? null,
      reference: input.reference ?? null,
    },
    actor: input.actor,
  })
  return {
    format: input.format,
    signature,
    signatureBase64: signature.toString('base64'),
    digest: digest.toString('hex'),
    serial: cert.serial,
    certificatePem: toPem(certDer),
    signedAt,
  }
}

/**
 * Same as signData with a precomputed SHA-256.
 */
export function signHash(input: Omit<SignInput, 'data'> & { hash: Buffer | string }) {
  return signData({ ...input, data: undefined })
}

export interface VerifyResult {
  /** the signature matches the content and the signer's certificate was issued by our CA */
  valid: boolean
  /** why not, in Chinese */
  reason?: string
  serial: string | null
  subjectDn: string | null
  /** the signer certificate's status now */
  certificateStatus: CertificateStatus | 'unknown'
  /** CMS signingTime attribute, when present */
  signingTime: Date | null
}

/**
 * Is this certificate one we issued (its signature verifies with the
 * issuing CA's key)? Returns our record when we have it.
 */
async function ourCertificate(
  cert: ParsedCertificate
): Promise<{ ours: boolean; row: IssuedCertificate | null }> {
  const row = await IssuedCertificate.query().where('serial', cert.serialHex).first()
  const ca = row
    ? await caRegistry.byId(row.issuerId)
    : await caRegistry
        .all()
        .then((all) => all.find((c) => c.subjectName.equals(cert.issuerName)) ?? null)
  if (!ca || !ca.subjectName.equals(cert.issuerName)) return { ours: false, row: null }
  const ok = verifyNative('sha256', cert.tbs, ca.publicKey, cert.signature)
  return { ours: ok, row: ok && row && row.der === cert.der.toString('base64') ? row : null }
}

/**
 * Verify a signature: PKCS#1 (give the signer's serial or certificate)
 * or detached CMS (the certificate travels inside). Only SHA-256 and
 * stronger count: a SHA-1 signature (digest or signature algorithm) is
 * not valid, with a reason that says so.
 */
export async function verifySignature(input: {
  format: SignatureFormat
  signature: Buffer | string
  data?: Buffer | string
  hash?: Buffer | string
  /** PKCS#1: the signer, by serial… */
  serial?: string
  /** …or by certificate (PEM/DER) */
  certificate?: Buffer | string
}): Promise<VerifyResult> {
  const signature =
    typeof input.signature === 'string' && !input.signature.includes('-----BEGIN')
      ? Buffer.from(input.signature, 'base64')
      : fromPem(input.signature)
  const digest = digestOf(input.data, input.hash)
  let cert: ParsedCertificate | null = null
  let valid = false
  let reason: string | undefined
  let signingTime: Date | null = null

  if (input.format === 'cms') {
    const result = verifyDetached(signature, (alg) =>
      alg === 'sha256'
        ? digest
        : input.data !== undefined
          ? createHash(alg).update(input.data).digest()
          : Buffer.alloc(0)
    )
    cert = result.signerCertificate ? parseCertificate(result.signerCertificate) : null
    valid = result.valid
    reason = result.reason
    signingTime = result.signingTime
  } else {
    if (input.serial) {
      const row = await IssuedCertificate.query()
        .where('serial', normaliseSerial(input.serial) ?? '')
        .first()
      if (row) cert = parseCertificate(Buffer.from(row.der, 'base64'))
    } else if (input.certificate) {
      try {
        cert = parseCertificate(fromPem(input.certificate))
      } catch {
        cert = null
      }
    }
    if (!cert)
      return {
        valid: false,
        reason: '未找到签名者证书',
        serial: null,
        subjectDn: null,
        certificateStatus: 'unknown',
        signingTime: null,
      }
    const publicKey = createPublicKey({ key: cert.spki, format: 'der', type: 'spki' })
    valid = verifyHashPkcs1(publicKey, digest, signature)
    if (!valid) {
      const alg = pkcs1DigestAlgorithm(publicKey, signature)
      reason =
        alg && WEAK_HASHES.has(alg)
          ? '签名使用了 SHA-1 摘要算法，SHA-1 已不安全，不予认可，请使用 SHA-256 重新签名'
          : '签名值校验失败：原文与签名不符或签名者不对'
    }
  }

  if (!cert)
    return {
      valid: false,
      reason: reason ?? '未找到签名者证书',
      serial: null,
      subjectDn: null,
      certificateStatus: 'unknown',
      signingTime,
    }
  const { ours, row } = await ourCertificate(cert)
  if (valid && !ours) {
    valid = false
    reason = '签名者证书不是本 CA 签发的'
  }
  return {
    valid,
    reason: valid ? undefined : reason,
    serial: cert.serialHex,
    subjectDn: row?.subjectDn ?? null,
    certificateStatus: row ? row.effectiveStatus : 'unknown',
    signingTime,
  }
}

/**
 * Open a digital envelope (CMS EnvelopedData) made for the holder's
 * encryption certificate, or for an earlier one whose key was recovered
 * into this credential.
 */
export async function decryptEnvelope(input: {
  credentialId: string
  pin: string
  /** DER, PEM, or base64 of the DER */
  envelope: Buffer | string
  purpose?: string
  reference?: string | null
  actor?: AuditActor
}): Promise<{ content: Buffer; serial: string }> {
  let envelope: Buffer
  if (Buffer.isBuffer(input.envelope)) envelope = fromPem(input.envelope)
  else
    envelope = input.envelope.includes('-----BEGIN')
      ? fromPem(input.envelope)
      : Buffer.from(input.envelope, 'base64')
  if (!envelope.length)
    throw new IssuanceError(
      'envelope_invalid',
      '数字信封格式不正确（应为 CMS/PKCS#7 EnvelopedData）'
    )

  const { credential, ring } = await openWithPin(input.credentialId, input.pin, input.actor)
  const current = await IssuedCertificate.query()
    .where('serial', credential.encSerial ?? '')
    .first()
  if (current?.status === 'suspended')
    throw new IssuanceError('transition_invalid', '加密证书已冻结，请先办理解冻')
  // every certificate ever issued on one of the holder's encryption keys
  // (renewals and changes certify the same key under new serials)
  const byPublicKey = new Map<string, KeyObject>()
  for (const key of [ring.enc, ...ring.history.values()]) {
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' }) as Buffer
    byPublicKey.set(createHash('sha256').update(spki).digest('hex'), key)
  }
  const rows = await IssuedCertificate.query()
    .whereIn('public_key_sha256', [...byPublicKey.keys()])
    .where('usage', 'encrypt')
  const keys: RecipientKey[] = []
  for (const row of rows) {
    const parsed = parseCertificate(Buffer.from(row.der, 'base64'))
    keys.push({
      serial: row.serial,
      issuerName: parsed.issuerName,
      keyId: keyIdentifier(parsed.spki),
      key: byPublicKey.get(row.publicKeySha256)!,
    })
  }
  const opened = openEnvelope(envelope, keys)
  await audit.record({
    action: 'issuance.credential.decrypt',
    subjectType: 'cloud_credential',
    subjectId: credential.id,
    data: {
      serial: opened.serial,
      bytes: opened.content.length,
      purpose: input.purpose?.slice(0, 100) ?? null,
      reference: input.reference ?? null,
    },
    actor: input.actor,
  })
  return opened
}
