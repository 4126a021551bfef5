import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto'
import issuanceConfig from '#config/issuance'
import * as der from '#issuance/services/der'
import { OID, SIGNATURE_HASH_BY_OID, WEAK_HASHES } from '#issuance/services/oids'
import { IssuanceError } from '#issuance/services/errors'
import { decodeName, fromPem, nameToString } from '#issuance/services/x509'

export interface CheckedCsr {
  /** SubjectPublicKeyInfo, exactly as in the request */
  spki: Buffer
  keyBits: number
  /** SHA-256 of the SPKI: the key's identity */
  publicKeySha256: string
  /** what the key holder put in the request; never used for the certificate */
  requestedSubject: string
}

/**
 * Parse a PKCS#10 request (PEM or DER), check that its signature verifies
 * with the key it carries (proof of possession) and that the key is an
 * RSA key of at least `minRsaBits`, signed with SHA-256 or stronger (a
 * SHA-1 request is refused). The subject of the request is ignored:
 * the certificate's subject comes from the approved order.
 */
export function checkCsr(input: string | Buffer): CheckedCsr {
  let bytes: Buffer
  try {
    bytes =
      typeof input === 'string' && !input.includes('-----BEGIN')
        ? Buffer.from(input.trim(), 'base64')
        : fromPem(input)
  } catch {
    throw invalid()
  }
  if (!bytes.length) throw invalid()

  let info: Buffer
  let spki: Buffer
  let subjectNode: der.Tlv
  let algorithm: string
  let signature: Buffer
  try {
    const top = der.readSingle(bytes)
    const [infoNode, algNode, sigNode] = der.children(bytes, top)
    if (!infoNode || !algNode || !sigNode || sigNode.tag !== der.TAG.BIT_STRING) throw invalid()
    const infoParts = der.children(bytes, infoNode)
    if (infoParts.length < 3 || infoParts[0].tag !== der.TAG.INTEGER) throw invalid()
    info = der.bytesOf(bytes, infoNode)
    subjectNode = infoParts[1]
    spki = Buffer.from(der.bytesOf(bytes, infoParts[2]))
    const [algOid] = der.children(bytes, algNode)
    algorithm = der.decodeOid(der.contentOf(bytes, algOid))
    signature = bytes.subarray(sigNode.contentStart + 1, sigNode.end)
  } catch (error) {
    if (error instanceof IssuanceError) throw error
    throw invalid()
  }

  // read the RSA key's size from the SPKI ourselves: one key import (for
  // the signature check) instead of two
  const rsa = readRsaSpki(spki)
  if (!rsa) {
    let type = '未知'
    try {
      type = createPublicKey({ key: spki, format: 'der', type: 'spki' }).asymmetricKeyType ?? type
    } catch {
      throw invalid()
    }
    throw new IssuanceError(
      'key_unsupported',
      `不支持的密钥类型（${type}），请使用 RSA 密钥生成证书请求`
    )
  }
  const { bits, exponent } = rsa
  if (bits < issuanceConfig.minRsaBits) {
    throw new IssuanceError(
      'key_weak',
      `密钥强度不足：RSA 密钥长度为 ${bits} 位，至少需要 ${issuanceConfig.minRsaBits} 位`,
      { bits }
    )
  }
  if (bits > issuanceConfig.maxRsaBits || exponent < 3n || exponent % 2n === 0n) {
    throw new IssuanceError('key_weak', `不支持的 RSA 公钥参数（${bits} 位），请重新生成证书请求`, {
      bits,
    })
  }
  let key
  try {
    key = createPublicKey({ key: spki, format: 'der', type: 'spki' })
  } catch {
    throw invalid()
  }

  const hash = SIGNATURE_HASH_BY_OID[algorithm]
  if (hash && WEAK_HASHES.has(hash)) {
    throw new IssuanceError(
      'csr_sha1',
      '证书请求（CSR）使用了 SHA-1 签名算法，SHA-1 已不安全，不予受理。请在 uKey 管理工具或 openssl 中改用 SHA-256 重新生成证书请求'
    )
  }
  if (!hash) {
    throw new IssuanceError('csr_signature', '证书请求的签名算法不受支持，请使用 SHA-256 RSA 签名')
  }
  let ok = false
  try {
    ok = verifySignature(hash, info, key, signature)
  } catch {
    ok = false
  }
  if (!ok) {
    throw new IssuanceError(
      'csr_signature',
      '证书请求（CSR）的签名校验失败：请求内容已被改动或与私钥不匹配，请重新生成'
    )
  }

  return {
    spki,
    keyBits: bits,
    publicKeySha256: createHash('sha256').update(spki).digest('hex'),
    /** lazily: nobody needs it on the hot path */
    get requestedSubject() {
      try {
        return nameToString(decodeName(bytes, subjectNode))
      } catch {
        return ''
      }
    },
  }
}

/**
 * SubjectPublicKeyInfo of rsaEncryption → modulus size and exponent
 * (null for any other key type).
 */
function readRsaSpki(spki: Buffer): { bits: number; exponent: bigint } | null {
  try {
    const top = der.readSingle(spki)
    const [alg, bitString] = der.children(spki, top)
    const [algOid] = der.children(spki, alg)
    if (der.decodeOid(der.contentOf(spki, algOid)) !== OID.rsaEncryption) return null
    const inner = spki.subarray(bitString.contentStart + 1, bitString.end)
    const seqNode = der.readSingle(inner)
    const [modulus, exponent] = der.children(inner, seqNode)
    const m = der.contentOf(inner, modulus)
    let start = 0
    while (start < m.length && m[start] === 0) start++
    const bits = (m.length - start) * 8 - (start < m.length ? Math.clz32(m[start]) - 24 : 0)
    return {
      bits,
      exponent: BigInt('0x' + (der.integerHex(der.contentOf(inner, exponent)) || '0')),
    }
  } catch {
    return null
  }
}

function invalid() {
  return new IssuanceError(
    'csr_invalid',
    '无法解析证书请求（CSR），请确认内容为 PKCS#10 格式（PEM 或 DER）'
  )
}
