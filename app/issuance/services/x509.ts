import { createHash, sign as signCb, type KeyObject } from 'node:crypto'
import { availableParallelism } from 'node:os'
import forge from 'node-forge'
import * as der from '#issuance/services/der'
import { OID } from '#issuance/services/oids'

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

export interface NameAttribute {
  oid: string
  value: string
}

const SHORT_NAMES: Record<string, string> = {
  [OID.countryName]: 'C',
  [OID.stateOrProvinceName]: 'ST',
  [OID.localityName]: 'L',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.commonName]: 'CN',
  [OID.serialNumber]: 'serialNumber',
  [OID.title]: 'title',
}

/** Attributes that X.520 restricts to PrintableString */
const PRINTABLE_ONLY = new Set<string>([OID.countryName, OID.serialNumber])

/**
 * Name ::= RDNSequence, one attribute per RDN, in the order given.
 */
export function encodeName(attributes: NameAttribute[]): Buffer {
  return der.seq(
    ...attributes.map((a) =>
      der.setOf(
        der.seq(
          der.oid(a.oid),
          PRINTABLE_ONLY.has(a.oid) ? der.printable(a.value) : der.utf8(a.value)
        )
      )
    )
  )
}

/**
 * "C=CN, O=…, CN=…": the order of the certificate, as OpenSSL shows it.
 */
export function nameToString(attributes: NameAttribute[]): string {
  return attributes
    .map((a) => `${SHORT_NAMES[a.oid] ?? a.oid}=${a.value.replace(/([,+=\\])/g, '\\$1')}`)
    .join(', ')
}

/**
 * Read a Name back (PrintableString, UTF8String, IA5String, BMPString values).
 */
export function decodeName(buf: Buffer, node: der.Tlv): NameAttribute[] {
  const out: NameAttribute[] = []
  for (const rdn of der.children(buf, node)) {
    for (const atv of der.children(buf, rdn)) {
      const [typeNode, valueNode] = der.children(buf, atv)
      const oidValue = der.decodeOid(der.contentOf(buf, typeNode))
      const raw = der.contentOf(buf, valueNode)
      let value: string
      if (valueNode.tag === 0x1e) {
        value = ''
        for (let i = 0; i + 1 < raw.length; i += 2)
          value += String.fromCharCode(raw.readUInt16BE(i))
      } else {
        value = raw.toString(valueNode.tag === der.TAG.UTF8_STRING ? 'utf8' : 'latin1')
      }
      out.push({ oid: oidValue, value })
    }
  }
  return out
}

/* ------------------------------------------------------------------ */
/* Extensions                                                          */
/* ------------------------------------------------------------------ */

export const KEY_USAGE = {
  digitalSignature: 0x80,
  nonRepudiation: 0x40,
  keyEncipherment: 0x20,
  dataEncipherment: 0x10,
  keyAgreement: 0x08,
  keyCertSign: 0x04,
  cRLSign: 0x02,
} as const

export type KeyUsageName = keyof typeof KEY_USAGE

export function extension(oidValue: string, critical: boolean, value: Buffer): Buffer {
  return der.seq(der.oid(oidValue), critical ? der.boolean(true) : null, der.octetString(value))
}

export function keyUsageExtension(usages: KeyUsageName[]): Buffer {
  let byte = 0
  for (const u of usages) byte |= KEY_USAGE[u]
  let unused = 0
  while (unused < 7 && (byte & (1 << unused)) === 0) unused++
  return extension(OID.keyUsage, true, der.bitString(Buffer.from([byte]), unused))
}

export function basicConstraintsExtension(ca: boolean, pathLen?: number): Buffer {
  return extension(
    OID.basicConstraints,
    true,
    der.seq(
      ca ? der.boolean(true) : null,
      ca && pathLen !== undefined ? der.integer(pathLen) : null
    )
  )
}

export function extKeyUsageExtension(oids: string[]): Buffer {
  return extension(OID.extKeyUsage, false, der.seq(...oids.map((o) => der.oid(o))))
}

export function subjectKeyIdExtension(keyId: Buffer): Buffer {
  return extension(OID.subjectKeyIdentifier, false, der.octetString(keyId))
}

export function authorityKeyIdExtension(keyId: Buffer): Buffer {
  return extension(OID.authorityKeyIdentifier, false, der.seq(der.implicit(0, keyId)))
}

function uri(value: string): Buffer {
  return der.tlv(0x86, Buffer.from(value, 'latin1'))
}

export function crlDistributionPointsExtension(url: string): Buffer {
  return extension(
    OID.cRLDistributionPoints,
    false,
    der.seq(der.seq(der.explicit(0, der.implicit(0, uri(url), true))))
  )
}

export function authorityInfoAccessExtension(
  ocspUrl: string | null,
  caIssuersUrl: string | null
): Buffer {
  return extension(
    OID.authorityInfoAccess,
    false,
    der.seq(
      ocspUrl ? der.seq(der.oid(OID.ocspAccess), uri(ocspUrl)) : null,
      caIssuersUrl ? der.seq(der.oid(OID.caIssuersAccess), uri(caIssuersUrl)) : null
    )
  )
}

export function certificatePoliciesExtension(policyOids: string[], cpsUrl?: string): Buffer {
  return extension(
    OID.certificatePolicies,
    false,
    der.seq(
      ...policyOids.map((p) =>
        der.seq(
          der.oid(p),
          cpsUrl ? der.seq(der.seq(der.oid(OID.cpsQualifier), der.ia5(cpsUrl))) : null
        )
      )
    )
  )
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

/**
 * RFC 5280 §4.2.1.2 (1): SHA-1 of the subjectPublicKey bits.
 */
export function keyIdentifier(spki: Buffer): Buffer {
  const top = der.readTlv(spki, 0)
  const [, bits] = der.children(spki, top)
  return createHash('sha1')
    .update(spki.subarray(bits.contentStart + 1, bits.end))
    .digest()
}

/**
 * The subjectPublicKey BIT STRING contents (what OCSP's issuerKeyHash hashes).
 */
export function publicKeyBits(spki: Buffer): Buffer {
  const top = der.readTlv(spki, 0)
  const [, bits] = der.children(spki, top)
  return spki.subarray(bits.contentStart + 1, bits.end)
}

/* ------------------------------------------------------------------ */
/* Signing                                                             */
/* ------------------------------------------------------------------ */

export const SHA256_WITH_RSA = der.seq(der.oid(OID.sha256WithRSA), der.nul())

export interface Signer {
  /** sha256WithRSAEncryption signature over `data` */
  sign(data: Buffer): Promise<Buffer>
  kind: 'native' | 'forge'
}

/**
 * At most one signature per CPU on the libuv thread pool at a time: the
 * pool (4 threads) also runs the SQLite driver's queries, and a queue of
 * signatures in front of them would stall every database write.
 */
const MAX_PARALLEL_SIGNATURES = Math.max(1, Math.min(availableParallelism(), 3))
let signing = 0
const waiting: Array<() => void> = []

function acquire(): Promise<void> {
  if (signing < MAX_PARALLEL_SIGNATURES) {
    signing++
    return Promise.resolve()
  }
  return new Promise((resolve) => waiting.push(resolve))
}

function release() {
  const next = waiting.shift()
  if (next) next()
  else signing--
}

/**
 * node:crypto (OpenSSL) on the libuv thread pool: the event loop keeps
 * serving while the signature is computed.
 */
export function nativeSigner(key: KeyObject): Signer {
  return {
    kind: 'native',
    async sign(data) {
      await acquire()
      try {
        return await new Promise<Buffer>((resolve, reject) => {
          signCb('sha256', data, key, (error, signature) =>
            error ? reject(error) : resolve(signature)
          )
        })
      } finally {
        release()
      }
    },
  }
}

/**
 * node-forge's JavaScript RSA: only for comparison in the benchmark.
 */
export function forgeSigner(key: KeyObject): Signer {
  const pem = key.export({ type: 'pkcs1', format: 'pem' }).toString()
  const forgeKey = forge.pki.privateKeyFromPem(pem)
  return {
    kind: 'forge',
    async sign(data) {
      const md = forge.md.sha256.create()
      md.update(data.toString('binary'))
      return Buffer.from(forgeKey.sign(md), 'binary')
    },
  }
}

/**
 * SEQUENCE { tbs, signatureAlgorithm, signature }: certificates, CRLs.
 */
export async function signStructure(tbs: Buffer, signer: Signer): Promise<Buffer> {
  const signature = await signer.sign(tbs)
  return der.seq(tbs, SHA256_WITH_RSA, der.bitString(signature))
}

/* ------------------------------------------------------------------ */
/* Certificates                                                        */
/* ------------------------------------------------------------------ */

export interface TbsCertificateInput {
  serialHex: string
  issuerName: Buffer
  subjectName: Buffer
  notBefore: Date
  notAfter: Date
  spki: Buffer
  extensions: Buffer[]
}

export function tbsCertificate(input: TbsCertificateInput): Buffer {
  return der.seq(
    der.explicit(0, der.integer(2)),
    der.integerFromBytes(Buffer.from(input.serialHex, 'hex')),
    SHA256_WITH_RSA,
    input.issuerName,
    der.seq(der.x509Time(input.notBefore), der.x509Time(input.notAfter)),
    input.subjectName,
    input.spki,
    der.explicit(3, der.seq(...input.extensions))
  )
}

export interface ParsedCertificate {
  der: Buffer
  tbs: Buffer
  serialHex: string
  issuerName: Buffer
  subjectName: Buffer
  subject: NameAttribute[]
  notBefore: Date
  notAfter: Date
  spki: Buffer
  signatureAlgorithm: string
  signature: Buffer
}

function readTime(buf: Buffer, node: der.Tlv): Date {
  const s = der.contentOf(buf, node).toString('latin1')
  if (node.tag === der.TAG.UTC_TIME) {
    const yy = Number(s.slice(0, 2))
    const year = yy >= 50 ? 1900 + yy : 2000 + yy
    return new Date(
      Date.UTC(
        year,
        Number(s.slice(2, 4)) - 1,
        Number(s.slice(4, 6)),
        Number(s.slice(6, 8)),
        Number(s.slice(8, 10)),
        Number(s.slice(10, 12))
      )
    )
  }
  return new Date(
    Date.UTC(
      Number(s.slice(0, 4)),
      Number(s.slice(4, 6)) - 1,
      Number(s.slice(6, 8)),
      Number(s.slice(8, 10)),
      Number(s.slice(10, 12)),
      Number(s.slice(12, 14))
    )
  )
}

export function readGeneralizedTime(buf: Buffer, node: der.Tlv): Date {
  return readTime(buf, node)
}

/**
 * The parts of an X.509 certificate we need, as exact byte ranges.
 */
export function parseCertificate(input: Buffer): ParsedCertificate {
  const top = der.readSingle(input)
  const [tbsNode, algNode, sigNode] = der.children(input, top)
  const parts = der.children(input, tbsNode)
  let i = 0
  if (parts[0].tag === 0xa0) i++
  const serialNode = parts[i++]
  i++ // signature algorithm
  const issuerNode = parts[i++]
  const validityNode = parts[i++]
  const subjectNode = parts[i++]
  const spkiNode = parts[i++]
  const [nb, na] = der.children(input, validityNode)
  const [algOid] = der.children(input, algNode)
  return {
    der: input,
    tbs: der.bytesOf(input, tbsNode),
    serialHex: der.integerHex(der.contentOf(input, serialNode)),
    issuerName: der.bytesOf(input, issuerNode),
    subjectName: der.bytesOf(input, subjectNode),
    subject: decodeName(input, subjectNode),
    notBefore: readTime(input, nb),
    notAfter: readTime(input, na),
    spki: der.bytesOf(input, spkiNode),
    signatureAlgorithm: der.decodeOid(der.contentOf(input, algOid)),
    signature: input.subarray(sigNode.contentStart + 1, sigNode.end),
  }
}

export function toPem(derBytes: Buffer, label = 'CERTIFICATE'): string {
  const b64 = derBytes.toString('base64')
  const lines: string[] = []
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64))
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/**
 * DER from PEM (any label) or from DER itself.
 */
export function fromPem(input: string | Buffer, label?: string): Buffer {
  const text = typeof input === 'string' ? input : input.toString('latin1')
  const re = label
    ? new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`)
    : /-----BEGIN [A-Z0-9 #]+-----([\s\S]*?)-----END [A-Z0-9 #]+-----/
  const match = text.match(re)
  if (match) return Buffer.from(match[1].replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')
  if (typeof input !== 'string') return input
  return Buffer.from(input, 'latin1')
}

export function fingerprint(derBytes: Buffer, algorithm: 'sha256' | 'sha1' = 'sha256'): string {
  return createHash(algorithm).update(derBytes).digest('hex')
}

/**
 * AB:CD:… as people compare fingerprints.
 */
export function colonHex(hex: string): string {
  return hex.toUpperCase().replace(/(..)(?!$)/g, '$1:')
}
