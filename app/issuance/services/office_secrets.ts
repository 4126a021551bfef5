import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import issuanceConfig from '#config/issuance'
import { uuid } from '#core/ids'
import { dbTime } from '#issuance/services/db_time'
import { IssuanceError } from '#issuance/services/errors'
import {
  caPassphrase,
  openWithPassphrase,
  sealWithPassphrase,
  type PassphraseBox,
} from '#issuance/services/secrets'

/**
 * The office's symmetric secrets, kept with the CA keys (sealed with
 * AES-256-GCM under a key derived from CA_PASSPHRASE, bound to their
 * purpose and version):
 *
 *   custody     wraps the data keys of cloud certificates and the key
 *               archive (the office's slot: PIN unlock, key recovery), so
 *               that the issuing CA's signing key is used for signing only
 *   subject_id  the key of the subject's ID hash (HMAC-SHA256, README)
 *
 * Created by ca:init; a CA made before them gets them on first use.
 * Each is decrypted once per process and kept in memory only.
 */

export type SecretPurpose = 'custody' | 'subject_id'

export interface OfficeSecret {
  purpose: SecretPurpose
  version: number
  key: Buffer
}

const cache = new Map<string, Promise<OfficeSecret>>()

function aad(purpose: string, version: number) {
  return `certdesk/issuance/secret/${purpose}/v${version}`
}

async function openRow(row: { purpose: SecretPurpose; version: number | string; sealed: string }) {
  const version = Number(row.version)
  const key = await openWithPassphrase(
    caPassphrase(),
    JSON.parse(row.sealed) as PassphraseBox,
    aad(row.purpose, version)
  )
  if (!key) {
    throw new IssuanceError(
      'ca_key_unreadable',
      'CA 密钥无法解密：当前 CA_PASSPHRASE 与创建 CA 时使用的口令不一致'
    )
  }
  return { purpose: row.purpose, version, key }
}

/**
 * Create the secret of a purpose when it does not exist yet (inside the
 * caller's transaction when given).
 */
export async function createOfficeSecret(
  purpose: SecretPurpose,
  client?: TransactionClientContract
): Promise<OfficeSecret> {
  const key = randomBytes(32)
  const version = 1
  const sealed = await sealWithPassphrase(
    caPassphrase(),
    key,
    issuanceConfig.caKeyScryptN,
    aad(purpose, version)
  )
  await (client ?? db)
    .insertQuery()
    .table('issuance_secrets')
    .insert({
      id: uuid(),
      purpose,
      version,
      sealed: JSON.stringify(sealed),
      created_at: dbTime(new Date(), client),
    })
  const secret = { purpose, version, key }
  cache.set(`${purpose}|current`, Promise.resolve(secret))
  cache.set(`${purpose}|${version}`, Promise.resolve(secret))
  return secret
}

async function load(purpose: SecretPurpose, version?: number): Promise<OfficeSecret> {
  const query = db.from('issuance_secrets').where('purpose', purpose)
  if (version !== undefined) query.where('version', version)
  const row = await query.orderBy('version', 'desc').first()
  if (row) return openRow(row)
  if (version !== undefined)
    throw new IssuanceError('ca_key_unreadable', `缺少 CA 密钥（${purpose} 第 ${version} 版）`)
  try {
    return await createOfficeSecret(purpose)
  } catch (error) {
    // another process created it at the same moment
    const again = await db
      .from('issuance_secrets')
      .where('purpose', purpose)
      .orderBy('version', 'desc')
      .first()
    if (again) return openRow(again)
    throw error
  }
}

/**
 * The current secret of a purpose, or a given version of it.
 */
export function officeSecret(purpose: SecretPurpose, version?: number): Promise<OfficeSecret> {
  const cacheKey = `${purpose}|${version ?? 'current'}`
  let pending = cache.get(cacheKey)
  if (!pending) {
    pending = load(purpose, version)
    cache.set(cacheKey, pending)
    pending.catch(() => cache.delete(cacheKey))
  }
  return pending
}

/**
 * Forget the decrypted secrets (tests that replace the CA).
 */
export function forgetOfficeSecrets() {
  cache.clear()
}
