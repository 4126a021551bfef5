import { randomBytes } from 'node:crypto'

/**
 * Certificate serial numbers: 16 bytes from the CSPRNG with the top bits
 * set to 01, so that the INTEGER is positive, never starts with a zero
 * byte (always 32 hex digits) and carries 126 random bits (RFC 5280 and
 * the CA/Browser Forum want at least 64). Uniqueness is enforced by the
 * database's unique index; a collision is retried by the caller.
 */
export function newSerial(): string {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] & 0x3f) | 0x40
  return bytes.toString('hex')
}

/**
 * Normalise a serial typed by a person or a tool: "4A:1F…", "0x4a1f…",
 * with spaces or leading zeros. Returns lower-case hex without leading
 * zero bytes, or null when it is not a serial number.
 */
export function normaliseSerial(input: unknown): string | null {
  if (typeof input !== 'string') return null
  let hex = input.trim().replace(/^0x/i, '').replace(/[\s:]/g, '').toLowerCase()
  if (!/^[0-9a-f]{1,40}$/.test(hex)) return null
  hex = hex.replace(/^0+/, '')
  if (!hex) return null
  if (hex.length % 2) hex = '0' + hex
  // an INTEGER whose high bit is set was written with a leading 00 byte
  return hex
}

export function displaySerial(hex: string): string {
  return hex.toUpperCase()
}
