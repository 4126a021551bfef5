/**
 * A small DER encoder and TLV reader over Buffers.
 *
 * node-forge parses every structure we receive (CSR, OCSP request, CMS,
 * PKCS#12); the structures we *sign* many times per second (certificates,
 * CRLs, OCSP responses) are encoded here, straight into Buffers: measured
 * on this machine, building a TBSCertificate with forge.asn1 (binary
 * strings) costs several times more than the RSA signature we are trying
 * not to wait for. The reader gives exact byte ranges, so that signatures
 * are checked over the bytes as received, never over a re-encoding.
 */

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  let n = length
  while (n > 0) {
    bytes.unshift(n & 0xff)
    n = Math.floor(n / 256)
  }
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/**
 * One TLV with the given (single-byte) tag.
 */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content])
}

export function seq(...items: Array<Buffer | null | undefined | false>): Buffer {
  return tlv(TAG.SEQUENCE, Buffer.concat(items.filter(Boolean) as Buffer[]))
}

/**
 * SET OF: DER wants the elements sorted by their encodings.
 */
export function setOf(...items: Buffer[]): Buffer {
  const sorted = [...items].sort(Buffer.compare)
  return tlv(TAG.SET, Buffer.concat(sorted))
}

/**
 * [n] EXPLICIT (constructed context tag).
 */
export function explicit(n: number, content: Buffer): Buffer {
  return tlv(0xa0 | n, content)
}

/**
 * [n] IMPLICIT over a primitive (0x80 | n) or constructed (0xa0 | n) type.
 */
export function implicit(n: number, content: Buffer, constructed = false): Buffer {
  return tlv((constructed ? 0xa0 : 0x80) | n, content)
}

/**
 * INTEGER from unsigned big-endian bytes (a leading 0x00 is added when the
 * high bit is set, superfluous leading zeros are removed).
 */
export function integerFromBytes(bytes: Buffer): Buffer {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0 && (bytes[start + 1] & 0x80) === 0) start++
  let content = bytes.subarray(start)
  if (content.length === 0) content = Buffer.from([0])
  if (content[0] & 0x80) content = Buffer.concat([Buffer.from([0]), content])
  return tlv(TAG.INTEGER, content)
}

export function integer(value: number | bigint): Buffer {
  let n = BigInt(value)
  if (n < 0n) throw new Error('negative integers are not used here')
  let hex = n.toString(16)
  if (hex.length % 2) hex = '0' + hex
  return integerFromBytes(Buffer.from(hex, 'hex'))
}

export function enumerated(value: number): Buffer {
  return tlv(TAG.ENUMERATED, integer(value).subarray(2))
}

export function boolean(value: boolean): Buffer {
  return tlv(TAG.BOOLEAN, Buffer.from([value ? 0xff : 0x00]))
}

export function nul(): Buffer {
  return Buffer.from([TAG.NULL, 0])
}

const oidCache = new Map<string, Buffer>()

export function oid(dotted: string): Buffer {
  const cached = oidCache.get(dotted)
  if (cached) return cached
  const parts = dotted.split('.').map((p) => BigInt(p))
  const bytes: number[] = []
  const first = parts[0] * 40n + parts[1]
  for (const arc of [first, ...parts.slice(2)]) {
    const chunk: number[] = []
    let n = arc
    chunk.unshift(Number(n & 0x7fn))
    n >>= 7n
    while (n > 0n) {
      chunk.unshift(Number(n & 0x7fn) | 0x80)
      n >>= 7n
    }
    bytes.push(...chunk)
  }
  const encoded = tlv(TAG.OID, Buffer.from(bytes))
  oidCache.set(dotted, encoded)
  return encoded
}

export function octetString(content: Buffer): Buffer {
  return tlv(TAG.OCTET_STRING, content)
}

export function bitString(content: Buffer, unusedBits = 0): Buffer {
  return tlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([unusedBits]), content]))
}

export function utf8(value: string): Buffer {
  return tlv(TAG.UTF8_STRING, Buffer.from(value, 'utf8'))
}

export function printable(value: string): Buffer {
  return tlv(TAG.PRINTABLE_STRING, Buffer.from(value, 'latin1'))
}

export function ia5(value: string): Buffer {
  return tlv(TAG.IA5_STRING, Buffer.from(value, 'latin1'))
}

/**
 * PrintableString alphabet (X.680): letters, digits, space and ' ( ) + , - . / : = ?
 */
export function isPrintable(value: string): boolean {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)
}

function pad(n: number, width = 2) {
  return String(n).padStart(width, '0')
}

export function generalizedTime(date: Date): Buffer {
  const s =
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(s, 'latin1'))
}

export function utcTime(date: Date): Buffer {
  const s =
    `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  return tlv(TAG.UTC_TIME, Buffer.from(s, 'latin1'))
}

/**
 * RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
 */
export function x509Time(date: Date): Buffer {
  const year = date.getUTCFullYear()
  return year >= 1950 && year < 2050 ? utcTime(date) : generalizedTime(date)
}

/* ------------------------------------------------------------------ */
/* Reader                                                              */
/* ------------------------------------------------------------------ */

export interface Tlv {
  tag: number
  /** offset of the tag byte */
  start: number
  /** offset of the first content byte */
  contentStart: number
  /** offset just past the content */
  end: number
}

export class DerError extends Error {}

/**
 * Read the TLV at `offset` (single-byte tags, definite lengths: DER only).
 */
export function readTlv(buf: Buffer, offset = 0, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated')
  const tag = buf[offset]
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported')
  let length = buf[offset + 1]
  let contentStart = offset + 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 4) throw new DerError('unsupported length')
    if (contentStart + count > limit) throw new DerError('truncated')
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + buf[contentStart + i]
    contentStart += count
  }
  const end = contentStart + length
  if (end > limit) throw new DerError('truncated')
  return { tag, start: offset, contentStart, end }
}

/**
 * The children of a constructed TLV.
 */
export function children(buf: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = []
  let offset = parent.contentStart
  while (offset < parent.end) {
    const child = readTlv(buf, offset, parent.end)
    out.push(child)
    offset = child.end
  }
  return out
}

export function bytesOf(buf: Buffer, node: Tlv): Buffer {
  return buf.subarray(node.start, node.end)
}

export function contentOf(buf: Buffer, node: Tlv): Buffer {
  return buf.subarray(node.contentStart, node.end)
}

export function decodeOid(content: Buffer): string {
  const arcs: bigint[] = []
  let value = 0n
  for (const byte of content) {
    value = (value << 7n) | BigInt(byte & 0x7f)
    if ((byte & 0x80) === 0) {
      arcs.push(value)
      value = 0n
    }
  }
  if (arcs.length === 0) throw new DerError('empty OID')
  const first = arcs[0]
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n]
  return [...head, ...arcs.slice(1)].map(String).join('.')
}

/**
 * Unsigned hex of an INTEGER's content (leading zero bytes removed).
 */
export function integerHex(content: Buffer): string {
  let start = 0
  while (start < content.length - 1 && content[start] === 0) start++
  return content.subarray(start).toString('hex')
}

/**
 * Whole structure must be one TLV, nothing after it.
 */
export function readSingle(buf: Buffer): Tlv {
  const top = readTlv(buf, 0)
  if (top.end !== buf.length) throw new DerError('trailing bytes')
  return top
}
