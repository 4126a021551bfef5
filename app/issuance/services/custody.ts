import {
  constants,
  createPrivateKey,
  hkdfSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import issuanceConfig from '#config/issuance'
import caRegistry from '#issuance/services/ca_registry'
import { IssuanceError } from '#issuance/services/errors'
import { officeSecret } from '#issuance/services/office_secrets'
import { deriveKey, open, pinPepper, seal, type SealedBox } from '#issuance/services/secrets'

/**
 * Key custody of cloud certificates.
 *
 *   key box     = AES-256-GCM(data key, { sign, enc, history })        (AAD: credential id)
 *   PIN wrap    = AES-256-GCM(HKDF(scrypt(PIN), pepper), data key)     the holder's slot
 *   office wrap = AES-256-GCM(custody key, data key)                   the office's slot
 *                 (AAD: credential id; v2, since issue 9)
 *
 * The PIN slot is what every signature and decryption opens. The office
 * slot plays the part of a uKey's SO PIN: after the caller has checked the
 * holder's identity, 解锁 re-wraps the data key under a new PIN without
 * knowing the old one. Both need the server: the pepper and the custody
 * key come from CA_PASSPHRASE, so a copied database alone opens nothing.
 *
 * The custody key is its own key (services/office_secrets.ts), not the
 * issuing CA's: a key that signs certificates does not also decrypt. Wraps
 * made before it (v1: RSA-OAEP-SHA256 under the issuing CA's public key,
 * `{ caId, ct }`) still open, with the CA key; `node ace ca:rewrap-custody`
 * moves them to the custody key.
 *
 * Encryption keys are also archived on their own (key recovery), their
 * AES key wrapped the same way (AAD: the serial), and survive the credential.
 */

export interface KeyRing {
  sign: KeyObject
  enc: KeyObject
  /** earlier encryption keys recovered into this credential: serial → key */
  history: Map<string, KeyObject>
}

interface KeyBoxContents {
  sign: string
  enc: string
  history: Array<{ serial: string; key: string }>
}

export interface PinWrap extends SealedBox {
  salt: string
  N: number
}

/** v1 (before issue 9): RSA-OAEP under the issuing CA's key */
export interface LegacyCaWrap {
  caId: string
  ct: string
}

/** v2: AES-256-GCM under the office's custody key */
export interface OfficeWrap extends SealedBox {
  kek: 'custody'
  ver: number
}

export type CaWrap = LegacyCaWrap | OfficeWrap

export function isLegacyWrap(wrap: CaWrap): wrap is LegacyCaWrap {
  return 'caId' in wrap
}

/**
 * PIN rule: 6 to 16 digits or letters.
 */
export function checkPinFormat(pin: unknown): string {
  const { minLength, maxLength } = issuanceConfig.pin
  if (
    typeof pin !== 'string' ||
    !new RegExp(`^[0-9A-Za-z]{${minLength},${maxLength}}$`).test(pin)
  ) {
    throw new IssuanceError('pin_invalid', `PIN 码应为 ${minLength} 至 ${maxLength} 位数字或字母`)
  }
  return pin
}

/**
 * A new PIN chosen by the holder must not be trivially guessable.
 */
export function checkNewPin(pin: unknown): string {
  const value = checkPinFormat(pin)
  const digits = '01234567890'
  const reversed = '09876543210'
  if (/^(.)\1+$/.test(value) || digits.includes(value) || reversed.includes(value)) {
    throw new IssuanceError('pin_weak', 'PIN 码过于简单（不能为相同或连续的数字），请重新设置')
  }
  return value
}

function pkcs8(key: KeyObject): string {
  return (key.export({ type: 'pkcs8', format: 'der' }) as Buffer).toString('base64')
}

function fromPkcs8(b64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' })
}

async function pinKey(pin: string, salt: Buffer, N: number, credentialId: string): Promise<Buffer> {
  const stretched = await deriveKey(pin, salt, N)
  return Buffer.from(
    hkdfSync('sha256', stretched, pinPepper(), `certdesk/issuance/pin/${credentialId}`, 32)
  )
}

export async function wrapUnderPin(
  dataKey: Buffer,
  pin: string,
  credentialId: string
): Promise<PinWrap> {
  const salt = randomBytes(16)
  const N = issuanceConfig.pin.scryptN
  const kek = await pinKey(pin, salt, N, credentialId)
  return { ...seal(kek, dataKey, credentialId), salt: salt.toString('base64'), N }
}

/**
 * The data key, or null when the PIN is wrong.
 */
export async function unwrapWithPin(
  wrap: PinWrap,
  pin: string,
  credentialId: string
): Promise<Buffer | null> {
  const kek = await pinKey(pin, Buffer.from(wrap.salt, 'base64'), wrap.N, credentialId)
  return open(kek, wrap, credentialId)
}

function oaep(key: KeyObject) {
  return { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }
}

/**
 * The office's slot: wrap a secret under the custody key, bound to
 * `context` (the credential id, or the serial of an archived key).
 */
export async function wrapForOffice(
  secret: Buffer,
  context: string,
  client?: TransactionClientContract
): Promise<OfficeWrap> {
  const kek = await officeSecret('custody', undefined, client)
  return { ...seal(kek.key, secret, context), kek: 'custody', ver: kek.version }
}

export async function unwrapForOffice(
  wrap: CaWrap,
  context: string,
  client?: TransactionClientContract
): Promise<Buffer> {
  if (isLegacyWrap(wrap)) {
    const ca = await caRegistry.byId(wrap.caId)
    if (!ca) throw new IssuanceError('ca_missing', '保护该密钥的 CA 不存在')
    const key = await caRegistry.privateKey(ca, client)
    return privateDecrypt(oaep(key), Buffer.from(wrap.ct, 'base64'))
  }
  const kek = await officeSecret('custody', wrap.ver, client)
  const plain = open(kek.key, wrap, context)
  if (!plain) throw new IssuanceError('credential_inactive', '云证书密钥无法读取，请联系客服')
  return plain
}

/**
 * A v1 wrap as it was made before issue 9 (tests of the migration path).
 */
export function legacyWrapUnderCa(ca: { id: string; publicKey: KeyObject }, secret: Buffer) {
  return { caId: ca.id, ct: publicEncrypt(oaep(ca.publicKey), secret).toString('base64') }
}

export function sealKeyRing(dataKey: Buffer, ring: KeyRing, credentialId: string): SealedBox {
  const contents: KeyBoxContents = {
    sign: pkcs8(ring.sign),
    enc: pkcs8(ring.enc),
    history: [...ring.history.entries()].map(([serial, key]) => ({ serial, key: pkcs8(key) })),
  }
  return seal(dataKey, Buffer.from(JSON.stringify(contents), 'utf8'), credentialId)
}

export function openKeyRing(dataKey: Buffer, box: SealedBox, credentialId: string): KeyRing {
  const plain = open(dataKey, box, credentialId)
  if (!plain) throw new IssuanceError('credential_inactive', '云证书密钥无法读取，请联系客服')
  const contents = JSON.parse(plain.toString('utf8')) as KeyBoxContents
  return {
    sign: fromPkcs8(contents.sign),
    enc: fromPkcs8(contents.enc),
    history: new Map(contents.history.map((h) => [h.serial, fromPkcs8(h.key)])),
  }
}

/**
 * Key archive entry: a fresh AES key wraps the PKCS#8, the office's
 * custody key wraps the AES key.
 */
export async function archiveKey(
  key: KeyObject,
  serial: string,
  client?: TransactionClientContract
): Promise<string> {
  const aesKey = randomBytes(32)
  const box = seal(aesKey, key.export({ type: 'pkcs8', format: 'der' }) as Buffer, serial)
  return JSON.stringify({ ...box, kek: await wrapForOffice(aesKey, serial, client) })
}

export async function recoverArchivedKey(wrapped: string, serial: string): Promise<KeyObject> {
  const parsed = JSON.parse(wrapped) as SealedBox & { kek: CaWrap }
  const aesKey = await unwrapForOffice(parsed.kek, serial)
  const plain = open(aesKey, parsed, serial)
  if (!plain) throw new IssuanceError('archive_missing', '归档的加密密钥已损坏，无法恢复')
  return createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' })
}
