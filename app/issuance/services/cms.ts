import {
  constants,
  createDecipheriv,
  createHash,
  createPublicKey,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  sign as signNative,
  verify as verifyNative,
  type KeyObject,
} from 'node:crypto'
import forge from 'node-forge'
import * as der from '#issuance/services/der'
import { IssuanceError } from '#issuance/services/errors'
import { HASH_BY_OID, OID, SIGNATURE_HASH_BY_OID, WEAK_HASHES } from '#issuance/services/oids'
import { parseCertificate, type ParsedCertificate } from '#issuance/services/x509'

/**
 * CMS (RFC 5652) as the platforms need it: detached SignedData made with
 * a cloud key, its verification, certs-only bundles (.p7b), and opening
 * an EnvelopedData (digital envelope) with the encryption key.
 *
 * Structures we produce are encoded with the DER builder; structures we
 * receive are parsed with node-forge's ASN.1 reader, which also accepts
 * the BER (indefinite lengths, chunked OCTET STRINGs) that tools such as
 * `openssl cms -encrypt` emit. RSA and the ciphers run in node:crypto.
 */

const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex')

export function sha256DigestInfo(hash: Buffer): Buffer {
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, hash])
}

/**
 * PKCS#1 v1.5 signature of a precomputed SHA-256 hash.
 */
export function signHashPkcs1(key: KeyObject, hash: Buffer): Buffer {
  // private-key "encryption" with PKCS#1 type-1 padding is the v1.5 signature of a DigestInfo
  return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sha256DigestInfo(hash))
}

/**
 * The hash named by the DigestInfo inside a PKCS#1 v1.5 signature (null
 * when the signature does not open with this key).
 */
export function pkcs1DigestAlgorithm(publicKey: KeyObject, signature: Buffer): string | null {
  try {
    const info = publicDecrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)
    const top = der.readSingle(info)
    const [alg] = der.children(info, top)
    const [oid] = der.children(info, alg)
    return HASH_BY_OID[der.decodeOid(der.contentOf(info, oid))] ?? 'unknown'
  } catch {
    return null
  }
}

/**
 * Verify a PKCS#1 v1.5 SHA-256 signature over a precomputed hash.
 */
export function verifyHashPkcs1(publicKey: KeyObject, hash: Buffer, signature: Buffer): boolean {
  try {
    const recovered = publicDecrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      signature
    )
    return recovered.equals(sha256DigestInfo(hash))
  } catch {
    return false
  }
}

/* ------------------------------------------------------------------ */
/* SignedData (detached)                                               */
/* ------------------------------------------------------------------ */

function attribute(type: string, value: Buffer) {
  return der.seq(der.oid(type), der.setOf(value))
}

/**
 * ESS signingCertificateV2 (RFC 5035): binds the signature to the
 * signer's certificate (SHA-256 of it, the default hash, so omitted in
 * DER, and its issuer and serial), so that a certificate with the same
 * key cannot be swapped in.
 */
export function signingCertificateV2(signer: ParsedCertificate): Buffer {
  const certHash = createHash('sha256').update(signer.der).digest()
  const issuerSerial = der.seq(
    der.seq(der.explicit(4, signer.issuerName)),
    der.integerFromBytes(Buffer.from(signer.serialHex, 'hex'))
  )
  return der.seq(der.seq(der.seq(der.octetString(certHash), issuerSerial)))
}

/**
 * A detached CMS SignedData over content whose SHA-256 is `digest`.
 * The signer's certificate (and the chain) travel in the structure;
 * signed attributes: contentType, signingTime, messageDigest and ESS
 * signingCertificateV2.
 */
export function signDetached(options: {
  key: KeyObject
  signer: ParsedCertificate
  chain: Buffer[]
  digest: Buffer
  signingTime?: Date
}): Buffer {
  const sha256 = der.seq(der.oid(OID.sha256))
  const signedAttrsContent = [
    attribute(OID.contentType, der.oid(OID.data)),
    attribute(OID.signingTime, der.utcTime(options.signingTime ?? new Date())),
    attribute(OID.messageDigest, der.octetString(options.digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(options.signer)),
  ]
  const signedAttrsForSignature = der.setOf(...signedAttrsContent)
  const signature = signNative('sha256', signedAttrsForSignature, options.key)
  const signedAttrs = Buffer.concat([Buffer.from([0xa0]), signedAttrsForSignature.subarray(1)]) // [0] IMPLICIT SET

  const signerInfo = der.seq(
    der.integer(1),
    der.seq(
      options.signer.issuerName,
      der.integerFromBytes(Buffer.from(options.signer.serialHex, 'hex'))
    ),
    sha256,
    signedAttrs,
    der.seq(der.oid(OID.rsaEncryption), der.nul()),
    der.octetString(signature)
  )
  const signedData = der.seq(
    der.integer(1),
    der.setOf(sha256),
    der.seq(der.oid(OID.data)),
    der.implicit(0, Buffer.concat([options.signer.der, ...options.chain]), true),
    der.setOf(signerInfo)
  )
  return der.seq(der.oid(OID.signedData), der.explicit(0, signedData))
}

/**
 * A certs-only SignedData: the chain as a .p7b.
 */
export function certsOnly(certs: Buffer[]): Buffer {
  const signedData = der.seq(
    der.integer(1),
    der.tlv(der.TAG.SET, Buffer.alloc(0)),
    der.seq(der.oid(OID.data)),
    der.implicit(0, Buffer.concat(certs), true),
    der.tlv(der.TAG.SET, Buffer.alloc(0))
  )
  return der.seq(der.oid(OID.signedData), der.explicit(0, signedData))
}

/* ------------------------------------------------------------------ */
/* Reading CMS with forge                                              */
/* ------------------------------------------------------------------ */

type Node = forge.asn1.Asn1

function parse(input: Buffer): Node {
  try {
    return forge.asn1.fromDer(forge.util.createBuffer(input.toString('binary')), {
      strict: false,
      decodeBitStrings: false,
    } as any)
  } catch {
    throw new IssuanceError('envelope_invalid', 'CMS 数据格式不正确')
  }
}

function kids(node: Node | undefined): Node[] {
  return node && Array.isArray(node.value) ? (node.value as Node[]) : []
}

function bytes(node: Node | undefined): Buffer {
  if (!node) return Buffer.alloc(0)
  if (Array.isArray(node.value)) return Buffer.concat((node.value as Node[]).map((n) => bytes(n)))
  return Buffer.from(node.value as string, 'binary')
}

function oidOf(node: Node | undefined): string {
  return node ? forge.asn1.derToOid(node.value as string) : ''
}

function toDer(node: Node): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary')
}

/**
 * ContentInfo → its [0] content, checked against the expected type.
 */
function unwrapContentInfo(input: Buffer, type: string, error: () => IssuanceError): Node {
  const top = parse(input)
  const [typeNode, content] = kids(top)
  if (!typeNode || oidOf(typeNode) !== type || !content) throw error()
  const inner = kids(content)[0]
  if (!inner) throw error()
  return inner
}

export interface CmsSignerResult {
  valid: boolean
  /** why not, in Chinese */
  reason?: string
  signerSerial: string | null
  signerCertificate: Buffer | null
  signingTime: Date | null
}

/**
 * Verify a detached SignedData against the SHA-256 (or other) digest of
 * the content. Returns the signer's certificate for the caller's chain
 * and status checks.
 */
export function verifyDetached(
  cmsDer: Buffer,
  contentDigest: (hashAlgorithm: string) => Buffer
): CmsSignerResult {
  const invalid = () =>
    new IssuanceError('signature_invalid', '签名数据格式不正确（应为 CMS/PKCS#7 SignedData）')
  const signedData = unwrapContentInfo(cmsDer, OID.signedData, invalid)
  const parts = kids(signedData)
  const certsNode = parts.find(
    (p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0
  )
  const signerInfos = parts[parts.length - 1]
  const signerInfo = kids(signerInfos)[0]
  if (!signerInfo) throw invalid()
  const certs = kids(certsNode).map((c) => parseCertificate(toDer(c)))

  const si = kids(signerInfo)
  const sid = si[1]
  let signer: ParsedCertificate | undefined
  if (sid.tagClass === forge.asn1.Class.UNIVERSAL) {
    const [issuer, serial] = kids(sid)
    const issuerDer = toDer(issuer)
    const serialHex = der.integerHex(bytes(serial))
    signer = certs.find((c) => c.serialHex === serialHex && c.issuerName.equals(issuerDer))
  }
  const result: CmsSignerResult = {
    valid: false,
    signerSerial: signer?.serialHex ?? null,
    signerCertificate: signer?.der ?? null,
    signingTime: null,
  }
  if (!signer) return { ...result, reason: '签名中未包含签名者证书' }

  const digestAlg = HASH_BY_OID[oidOf(kids(si[2])[0])]
  if (!digestAlg) return { ...result, reason: '不支持的摘要算法' }
  let index = 3
  let signedAttrs: Node | null = null
  if (si[index]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && si[index].type === 0)
    signedAttrs = si[index++]
  const sigAlgOid = oidOf(kids(si[index++])[0])
  const signature = bytes(si[index])
  const publicKey = createPublicKey({ key: signer.spki, format: 'der', type: 'spki' })
  if (sigAlgOid !== OID.rsaEncryption && !SIGNATURE_HASH_BY_OID[sigAlgOid])
    return { ...result, reason: '不支持的签名算法' }
  const sigHash = SIGNATURE_HASH_BY_OID[sigAlgOid]
  if (WEAK_HASHES.has(digestAlg) || (sigHash && WEAK_HASHES.has(sigHash)))
    return { ...result, reason: SHA1_REFUSED }
  if (sigHash && sigHash !== digestAlg) return { ...result, reason: '不支持的签名算法' }

  const digest = contentDigest(digestAlg)
  if (signedAttrs) {
    let messageDigest: Buffer | null = null
    let signingTime: Date | null = null
    let essCertHash: { alg: string; hash: Buffer } | null = null
    for (const attr of kids(signedAttrs)) {
      const [type, values] = kids(attr)
      const value = kids(values)[0]
      const id = oidOf(type)
      if (id === OID.messageDigest) messageDigest = bytes(value)
      if (id === OID.signingTime) signingTime = readTime(value)
      if (id === OID.signingCertificateV2) essCertHash = essCertIdV2(value)
    }
    result.signingTime = signingTime
    if (!messageDigest || !messageDigest.equals(digest))
      return { ...result, reason: '原文与签名不符（摘要不一致）' }
    if (essCertHash) {
      if (WEAK_HASHES.has(essCertHash.alg)) return { ...result, reason: SHA1_REFUSED }
      if (essCertHash.alg === 'unsupported') return { ...result, reason: '不支持的摘要算法' }
      if (!createHash(essCertHash.alg).update(signer.der).digest().equals(essCertHash.hash))
        return { ...result, reason: '签名中的签名者证书与签名属性不符（signingCertificateV2）' }
    }
    const attrsDer = toDer(signedAttrs)
    attrsDer[0] = 0x31
    const ok = verifyNative(digestAlg, attrsDer, publicKey, signature)
    return ok ? { ...result, valid: true } : { ...result, reason: '签名值校验失败' }
  }
  // no signed attributes: the signature is over the content digest itself
  if (digestAlg !== 'sha256') return { ...result, reason: '不支持的摘要算法' }
  return verifyHashPkcs1(publicKey, digest, signature)
    ? { ...result, valid: true }
    : { ...result, reason: '签名值校验失败' }
}

const SHA1_REFUSED = '签名使用了 SHA-1 摘要算法，SHA-1 已不安全，不予认可，请使用 SHA-256 重新签名'

/**
 * The first ESSCertIDv2 of a signingCertificateV2 value: its hash
 * algorithm (SHA-256 when absent) and the certificate hash.
 */
function essCertIdV2(value: Node | undefined): { alg: string; hash: Buffer } | null {
  const first = kids(kids(value)[0])[0]
  const parts = kids(first)
  if (!parts.length) return null
  let alg = 'sha256'
  let i = 0
  if (parts[0].type === forge.asn1.Type.SEQUENCE) {
    alg = HASH_BY_OID[oidOf(kids(parts[0])[0])] ?? 'unsupported'
    i++
  }
  return { alg, hash: bytes(parts[i]) }
}

function readTime(node: Node | undefined): Date | null {
  if (!node) return null
  try {
    return node.type === forge.asn1.Type.UTCTIME
      ? forge.asn1.utcTimeToDate(node.value as string)
      : forge.asn1.generalizedTimeToDate(node.value as string)
  } catch {
    return null
  }
}

/* ------------------------------------------------------------------ */
/* EnvelopedData                                                       */
/* ------------------------------------------------------------------ */

export interface RecipientKey {
  serial: string
  issuerName: Buffer
  keyId: Buffer
  key: KeyObject
}

const CIPHERS: Record<string, string> = {
  [OID.aes128Cbc]: 'aes-128-cbc',
  [OID.aes192Cbc]: 'aes-192-cbc',
  [OID.aes256Cbc]: 'aes-256-cbc',
  [OID.desEde3Cbc]: 'des-ede3-cbc',
}

/**
 * Open a CMS EnvelopedData with whichever of `keys` it was made for
 * (RSA key transport, PKCS#1 v1.5 or OAEP; AES-CBC or 3DES content).
 * Returns the content and the serial of the key used.
 */
export function openEnvelope(
  input: Buffer,
  keys: RecipientKey[]
): { content: Buffer; serial: string } {
  const invalid = () =>
    new IssuanceError('envelope_invalid', '数字信封格式不正确（应为 CMS/PKCS#7 EnvelopedData）')
  const enveloped = unwrapContentInfo(input, OID.envelopedData, invalid)
  const parts = kids(enveloped)
  let i = 1
  if (parts[i]?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && parts[i].type === 0) i++ // originatorInfo
  const recipientInfos = kids(parts[i++])
  const encryptedContentInfo = kids(parts[i])
  if (!recipientInfos.length || encryptedContentInfo.length < 2) throw invalid()

  let cek: Buffer | null = null
  let usedSerial = ''
  for (const ri of recipientInfos) {
    if (ri.tagClass !== forge.asn1.Class.UNIVERSAL) continue // not KeyTransRecipientInfo
    const [, rid, algNode, encryptedKey] = kids(ri)
    let match: RecipientKey | undefined
    if (rid.tagClass === forge.asn1.Class.UNIVERSAL) {
      const [issuer, serial] = kids(rid)
      const serialHex = der.integerHex(bytes(serial))
      const issuerDer = toDer(issuer)
      match = keys.find((k) => k.serial === serialHex && k.issuerName.equals(issuerDer))
    } else {
      const ski = bytes(rid)
      match = keys.find((k) => k.keyId.equals(ski))
    }
    if (!match) continue
    const [algOid, params] = kids(algNode)
    const alg = oidOf(algOid)
    try {
      if (alg === OID.rsaEncryption) {
        cek = privateDecrypt(
          { key: match.key, padding: constants.RSA_PKCS1_PADDING },
          bytes(encryptedKey)
        )
      } else if (alg === OID.rsaesOaep) {
        cek = privateDecrypt(
          { key: match.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(params) },
          bytes(encryptedKey)
        )
      } else {
        throw new IssuanceError('envelope_invalid', '不支持的数字信封密钥加密算法')
      }
    } catch (error) {
      if (error instanceof IssuanceError) throw error
      throw new IssuanceError('envelope_invalid', '数字信封的会话密钥无法解开，信封可能已损坏')
    }
    usedSerial = match.serial
    break
  }
  if (!cek) throw new IssuanceError('envelope_not_for_key', '该数字信封不是发给此证书的，无法解密')

  const [, contentAlg, encrypted] = encryptedContentInfo
  const [cipherOid, ivNode] = kids(contentAlg)
  const cipher = CIPHERS[oidOf(cipherOid)]
  if (!cipher) throw new IssuanceError('envelope_invalid', '不支持的数字信封内容加密算法')
  try {
    const decipher = createDecipheriv(cipher, cek, bytes(ivNode))
    return {
      content: Buffer.concat([decipher.update(bytes(encrypted)), decipher.final()]),
      serial: usedSerial,
    }
  } catch {
    throw new IssuanceError('envelope_invalid', '数字信封内容解密失败，信封可能已损坏')
  }
}

/**
 * RSAES-OAEP-params: hashAlgorithm [0] (default SHA-1); the MGF1 hash
 * must be the same (what node:crypto supports).
 */
function oaepHash(params: Node | undefined): string {
  let hash = 'sha1'
  let mgfHash = 'sha1'
  for (const p of kids(params)) {
    if (p.type === 0) hash = HASH_BY_OID[oidOf(kids(kids(p)[0])[0])] ?? 'unsupported'
    if (p.type === 1) {
      const mgf = kids(kids(p)[0])
      mgfHash = HASH_BY_OID[oidOf(kids(mgf[1])[0])] ?? 'unsupported'
    }
  }
  if (hash !== mgfHash || hash === 'unsupported') {
    throw new IssuanceError('envelope_invalid', '不支持的 RSA-OAEP 参数')
  }
  return hash
}
