import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
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
 * Created by ca:init; a CA made before them gets them on first use. Each
 * is decrypted once per process and kept in memory only. A caller inside
 * a transaction passes it: the secret is then read (or created) through
 * that transaction, so that no second pooled connection is taken, and is
 * remembered only once it is known to be committed.
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

function remember(secret: OfficeSecret, asCurrent: boolean) {
  const value = Promise.resolve(secret)
  cache.set(`${secret.purpose}|${secret.version}`, value)
  if (asCurrent) cache.set(`${secret.purpose}|current`, value)
}

async function openRow(row: {
  purpose: SecretPurpose
  version: number | string
  sealed: string
}): Promise<OfficeSecret> {
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

function latest(client: QueryClientContract, purpose: SecretPurpose, version?: number) {
  const query = client.from('issuance_secrets').where('purpose', purpose)
  if (version !== undefined) query.where('version', version)
  return query.orderBy('version', 'desc').first()
}

/**
 * Make version 1 of a purpose's secret unless it exists (two processes
 * doing it at once: the first insert wins, both use its secret).
 */
export async function createOfficeSecret(
  purpose: SecretPurpose,
  client?: TransactionClientContract
): Promise<OfficeSecret> {
  const queryClient = client ?? db.connection()
  const version = 1
  const sealed = await sealWithPassphrase(
    caPassphrase(),
    randomBytes(32),
    issuanceConfig.caKeyScryptN,
    aad(purpose, version)
  )
  await queryClient
    .insertQuery()
    .table('issuance_secrets')
    .insert({
      id: uuid(),
      purpose,
      version,
      sealed: JSON.stringify(sealed),
      created_at: dbTime(new Date(), queryClient),
    })
    .knexQuery.onConflict(['purpose', 'version'])
    .ignore()
  const secret = await openRow(await latest(queryClient, purpose, version))
  if (client?.isTransaction) client.after('commit', () => remember(secret, true))
  else remember(secret, true)
  return secret
}

async function load(
  purpose: SecretPurpose,
  version: number | undefined,
  client?: TransactionClientContract
): Promise<OfficeSecret> {
  const row = await latest(client ?? db.connection(), purpose, version)
  if (row) return openRow(row)
  if (version !== undefined)
    throw new IssuanceError('ca_key_unreadable', `缺少 CA 密钥（${purpose} 第 ${version} 版）`)
  return createOfficeSecret(purpose, client)
}

/**
 * The current secret of a purpose, or a given version of it.
 */
export function officeSecret(
  purpose: SecretPurpose,
  version?: number,
  client?: TransactionClientContract
): Promise<OfficeSecret> {
  const cacheKey = `${purpose}|${version ?? 'current'}`
  const cached = cache.get(cacheKey)
  if (cached) return cached
  // read through the caller's transaction, not remembered (it may roll back)
  if (client?.isTransaction) return load(purpose, version, client)
  const pending = load(purpose, version)
  cache.set(cacheKey, pending)
  pending.then(
    (secret) => remember(secret, version === undefined),
    () => cache.delete(cacheKey)
  )
  return pending
}

/**
 * Forget the decrypted secrets (tests that replace the CA; a failed ca:init).
 */
export function forgetOfficeSecrets() {
  cache.clear()
}
