import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import issuanceConfig from '#config/issuance'
import audit, { type AuditActor } from '#core/audit/audit_service'
import { isUuid } from '#core/ids'
import CloudCredential from '#issuance/models/cloud_credential'
import {
  checkPinFormat,
  openKeyRing,
  sealKeyRing,
  unwrapForOffice,
  unwrapWithPin,
  wrapUnderPin,
  type CaWrap,
  type KeyRing,
  type PinWrap,
} from '#issuance/services/custody'
import { dbTime } from '#issuance/services/db_time'
import { IssuanceError } from '#issuance/services/errors'
import type { SealedBox } from '#issuance/services/secrets'

/**
 * The credential with this id, or not_found.
 */
export async function loadCredential(
  id: unknown,
  client?: TransactionClientContract
): Promise<CloudCredential> {
  const row = isUuid(id)
    ? await CloudCredential.query({ client }).where('id', id.toLowerCase()).first()
    : null
  if (!row) throw new IssuanceError('not_found', '云证书不存在')
  return row
}

function assertActive(credential: CloudCredential) {
  if (credential.status !== 'active' || !credential.keyBox || !credential.pinWrap) {
    throw new IssuanceError(
      'credential_inactive',
      '该云证书的密钥已销毁（证书已注销或已补办），不能再使用'
    )
  }
}

export function remainingAttempts(credential: CloudCredential) {
  return Math.max(0, issuanceConfig.pin.maxAttempts - credential.pinFailures)
}

/**
 * Open the holder's keys with the PIN. A wrong PIN is counted (committed
 * on its own, whatever the caller does next) and audited; after
 * `maxAttempts` wrong PINs the credential locks until 解锁.
 *
 * The try is taken before the PIN is compared, in one conditional UPDATE:
 * PINs sent at the same moment cannot all pass the lock check and each
 * get compared.
 */
export async function openWithPin(
  credentialId: string,
  pinInput: unknown,
  actor?: AuditActor
): Promise<{ credential: CloudCredential; dataKey: Buffer; ring: KeyRing }> {
  const credential = await loadCredential(credentialId)
  assertActive(credential)
  const maxAttempts = issuanceConfig.pin.maxAttempts
  const lockedMessage = `PIN 码已锁定（连续输错 ${maxAttempts} 次），请先办理 PIN 码解锁`
  if (credential.lockedAt) throw new IssuanceError('pin_locked', lockedMessage)
  const pin = checkPinFormat(pinInput)

  const taken = await db
    .from('cloud_credentials')
    .where('id', credential.id)
    .where('status', 'active')
    .whereNull('locked_at')
    .where('pin_failures', '<', maxAttempts)
    .increment('pin_failures', 1)
  if (!affectedRows(taken)) throw new IssuanceError('pin_locked', lockedMessage, { remaining: 0 })

  const dataKey = await unwrapWithPin(
    JSON.parse(credential.pinWrap!) as PinWrap,
    pin,
    credential.id
  )
  if (!dataKey) {
    const failures = await recordWrongPin(credential, actor)
    const left = Math.max(0, maxAttempts - failures)
    if (left === 0) {
      throw new IssuanceError('pin_locked', `PIN 码错误次数过多，已锁定，请办理 PIN 码解锁`, {
        remaining: 0,
      })
    }
    throw new IssuanceError('pin_wrong', `PIN 码错误，还可尝试 ${left} 次`, { remaining: left })
  }
  // the right PIN: the counter starts again (unless wrong tries meanwhile locked the key)
  await db
    .from('cloud_credentials')
    .where('id', credential.id)
    .whereNull('locked_at')
    .update({ pin_failures: 0, updated_at: dbTime(new Date()) })
  credential.pinFailures = 0
  const ring = openKeyRing(dataKey, JSON.parse(credential.keyBox!) as SealedBox, credential.id)
  return { credential, dataKey, ring }
}

/**
 * A wrong PIN was compared (its try already counted): lock at the limit,
 * one audit entry. Returns the failures so far.
 */
async function recordWrongPin(credential: CloudCredential, actor?: AuditActor): Promise<number> {
  return db.transaction(async (trx) => {
    const row = await trx
      .from('cloud_credentials')
      .where('id', credential.id)
      .select('pin_failures', 'locked_at')
      .first()
    const failures = Number(row.pin_failures)
    const locked = failures >= issuanceConfig.pin.maxAttempts
    if (locked && !row.locked_at) {
      await trx
        .from('cloud_credentials')
        .where('id', credential.id)
        .update({ locked_at: dbTime(new Date(), trx) })
    }
    await audit.record(
      {
        action: 'issuance.credential.pin_wrong',
        subjectType: 'cloud_credential',
        subjectId: credential.id,
        data: { failures, locked },
        actor,
      },
      trx
    )
    return failures
  })
}

/**
 * Rows changed by an UPDATE, as SQLite and PostgreSQL report them.
 */
function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return typeof result[0] === 'number' ? result[0] : result.length
  return Number(result) || 0
}

/**
 * Open the holder's keys with the office's slot (no PIN): PIN unlock,
 * key recovery, reissue after a lost phone. The caller has checked the
 * holder's identity.
 */
export async function openWithCa(
  credential: CloudCredential
): Promise<{ dataKey: Buffer; ring: KeyRing }> {
  assertActive(credential)
  const dataKey = await unwrapForOffice(JSON.parse(credential.caWrap!) as CaWrap, credential.id)
  const ring = openKeyRing(dataKey, JSON.parse(credential.keyBox!) as SealedBox, credential.id)
  return { dataKey, ring }
}

/**
 * Same data key, new PIN slot; clears the counter and the lock.
 */
export async function rewrapPin(
  trx: TransactionClientContract,
  credential: CloudCredential,
  dataKey: Buffer,
  newPin: string
) {
  const pinWrap = await wrapUnderPin(dataKey, newPin, credential.id)
  const now = dbTime(new Date(), trx)
  await trx
    .from('cloud_credentials')
    .where('id', credential.id)
    .update({
      pin_wrap: JSON.stringify(pinWrap),
      pin_failures: 0,
      locked_at: null,
      pin_is_initial: false,
      pin_changed_at: now,
      updated_at: now,
    })
}

/**
 * Re-seal the key ring (e.g. with a recovered encryption key added).
 */
export async function storeKeyRing(
  trx: TransactionClientContract,
  credential: CloudCredential,
  dataKey: Buffer,
  ring: KeyRing
) {
  await trx
    .from('cloud_credentials')
    .where('id', credential.id)
    .update({
      key_box: JSON.stringify(sealKeyRing(dataKey, ring, credential.id)),
      updated_at: dbTime(new Date(), trx),
    })
}

/**
 * Wipe a credential's keys (revocation, reissue). The archived
 * encryption key is kept.
 */
export async function destroyCredential(trx: TransactionClientContract, credentialId: string) {
  const now = dbTime(new Date(), trx)
  await trx.from('cloud_credentials').where('id', credentialId).update({
    status: 'destroyed',
    key_box: null,
    pin_wrap: null,
    ca_wrap: null,
    destroyed_at: now,
    updated_at: now,
  })
}
