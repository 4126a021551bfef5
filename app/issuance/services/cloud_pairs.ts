import { randomBytes, type KeyObject } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import issuanceConfig from '#config/issuance'
import { uuid } from '#core/ids'
import type { LoadedCa } from '#issuance/services/ca_registry'
import { generateRsaKey } from '#issuance/services/ca_setup'
import { archiveKey, sealKeyRing, wrapForOffice, wrapUnderPin } from '#issuance/services/custody'
import { dbTime } from '#issuance/services/db_time'

/**
 * A new cloud credential before it is stored: fresh keys (or given ones),
 * sealed under the PIN and the office's slot (the custody key).
 */
export interface PreparedCredential {
  credentialId: string
  signKey: KeyObject
  encKey: KeyObject
  keyBox: string
  pinWrap: string
  caWrap: string
}

export async function prepareCredential(
  pin: string,
  history: Map<string, KeyObject> = new Map()
): Promise<PreparedCredential> {
  const [signKey, encKey] = await Promise.all([
    generateRsaKey(issuanceConfig.endEntityKeyBits),
    generateRsaKey(issuanceConfig.endEntityKeyBits),
  ])
  const credentialId = uuid()
  const dataKey = randomBytes(32)
  return {
    credentialId,
    signKey,
    encKey,
    keyBox: JSON.stringify(
      sealKeyRing(dataKey, { sign: signKey, enc: encKey, history }, credentialId)
    ),
    pinWrap: JSON.stringify(await wrapUnderPin(dataKey, pin, credentialId)),
    caWrap: JSON.stringify(await wrapForOffice(dataKey, credentialId)),
  }
}

/**
 * Store the credential and archive its encryption key.
 */
export async function insertCredential(
  trx: TransactionClientContract,
  ca: LoadedCa,
  prepared: PreparedCredential,
  serials: { sign: string; enc: string },
  reference: string | null
) {
  const at = dbTime(new Date(), trx)
  await trx.insertQuery().table('cloud_credentials').insert({
    id: prepared.credentialId,
    status: 'active',
    sign_serial: serials.sign,
    enc_serial: serials.enc,
    reference,
    key_box: prepared.keyBox,
    pin_wrap: prepared.pinWrap,
    ca_wrap: prepared.caWrap,
    pin_failures: 0,
    locked_at: null,
    pin_is_initial: true,
    pin_changed_at: null,
    destroyed_at: null,
    created_at: at,
    updated_at: at,
  })
  await archiveEncryptionKey(trx, ca, serials.enc, prepared.encKey, prepared.credentialId)
}

/**
 * Key archive entry of an encryption certificate's key.
 */
export async function archiveEncryptionKey(
  trx: TransactionClientContract,
  ca: LoadedCa,
  serial: string,
  key: KeyObject,
  credentialId: string
) {
  await trx
    .insertQuery()
    .table('archived_keys')
    .insert({
      id: uuid(),
      serial,
      ca_id: ca.id,
      credential_id: credentialId,
      wrapped: await archiveKey(key, serial, trx),
      created_at: dbTime(new Date(), trx),
    })
}
