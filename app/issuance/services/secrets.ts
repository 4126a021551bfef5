import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt as scryptCb,
} from 'node:crypto'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { IssuanceError } from '#issuance/services/errors'

const scrypt = promisify(scryptCb) as (
  password: string | Buffer,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number }
) => Promise<Buffer>

/**
 * The secret that protects the CA keys at rest: CA_PASSPHRASE, or APP_KEY
 * outside production (with a warning). Production without CA_PASSPHRASE
 * refuses: a CA key must not depend on the cookie-signing key.
 */
export function resolveCaPassphrase(input: {
  passphrase: string | undefined
  appKey: string
  production: boolean
}): { secret: string; fallback: boolean } {
  if (input.passphrase && input.passphrase.length > 0)
    return { secret: input.passphrase, fallback: false }
  if (input.production) {
    throw new IssuanceError(
      'ca_passphrase_missing',
      '生产环境必须在 .env 中设置 CA_PASSPHRASE（CA 私钥保护口令），CA 无法初始化或使用'
    )
  }
  return { secret: input.appKey, fallback: true }
}

let warned = false
export function caPassphrase(): string {
  const { secret, fallback } = resolveCaPassphrase({
    passphrase: env.get('CA_PASSPHRASE'),
    appKey: env.get('APP_KEY').release(),
    production: app.inProduction,
  })
  if (fallback && !warned) {
    warned = true
    logger.warn('CA_PASSPHRASE 未设置：CA 私钥暂以 APP_KEY 派生的密钥加密保存（仅限开发/测试环境）')
  }
  return secret
}

export interface SealedBox {
  v: 1
  iv: string
  tag: string
  ct: string
}

export interface PassphraseBox extends SealedBox {
  kdf: 'scrypt'
  N: number
  r: number
  p: number
  salt: string
}

/**
 * AES-256-GCM with optional associated data (binds a ciphertext to the row it belongs to).
 */
export function seal(key: Buffer, plaintext: Buffer, aad?: string): SealedBox {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  if (aad) cipher.setAAD(Buffer.from(aad, 'utf8'))
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return {
    v: 1,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  }
}

/**
 * Returns null when the key is wrong or the box was altered.
 */
export function open(key: Buffer, box: SealedBox, aad?: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'))
    if (aad) decipher.setAAD(Buffer.from(aad, 'utf8'))
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(box.ct, 'base64')), decipher.final()])
  } catch {
    return null
  }
}

export async function deriveKey(
  secret: string | Buffer,
  salt: Buffer,
  N: number,
  r = 8,
  p = 1
): Promise<Buffer> {
  return scrypt(secret, salt, 32, { N, r, p, maxmem: 256 * N * r + 16 * 1024 * 1024 })
}

/**
 * Encrypt under a key derived (scrypt) from a passphrase.
 */
export async function sealWithPassphrase(
  passphrase: string | Buffer,
  plaintext: Buffer,
  N: number,
  aad?: string
): Promise<PassphraseBox> {
  const salt = randomBytes(16)
  const key = await deriveKey(passphrase, salt, N)
  return {
    ...seal(key, plaintext, aad),
    kdf: 'scrypt',
    N,
    r: 8,
    p: 1,
    salt: salt.toString('base64'),
  }
}

export async function openWithPassphrase(
  passphrase: string | Buffer,
  box: PassphraseBox,
  aad?: string
): Promise<Buffer | null> {
  const key = await deriveKey(passphrase, Buffer.from(box.salt, 'base64'), box.N, box.r, box.p)
  return open(key, box, aad)
}

/**
 * A server-side pepper mixed into every PIN-derived key: a stolen
 * database alone is not enough to try PINs offline.
 */
export function pinPepper(): Buffer {
  return createHmac('sha256', caPassphrase()).update('certdesk/issuance/pin-pepper/v1').digest()
}
