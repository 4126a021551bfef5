import db from '@adonisjs/lucid/services/db'
import audit, { type AuditActor, type AuditInput } from '#core/audit/audit_service'
import ArchivedKey from '#issuance/models/archived_key'
import type CloudCredential from '#issuance/models/cloud_credential'
import IssuedCertificate from '#issuance/models/issued_certificate'
import caRegistry from '#issuance/services/ca_registry'
import { checkNewPin, checkPinFormat, recoverArchivedKey } from '#issuance/services/custody'
import {
  loadCredential,
  openWithCa,
  openWithPin,
  remainingAttempts,
  rewrapPin,
  storeKeyRing,
} from '#issuance/services/credentials'
import { IssuanceError } from '#issuance/services/errors'
import { buildPkcs12 } from '#issuance/services/pkcs12'
import { normaliseSerial } from '#issuance/services/serials'
import issuanceConfig from '#config/issuance'

/**
 * Key custody operations on a cloud certificate (云证书): PIN change,
 * PIN unlock, key recovery, PKCS#12 export. The credential id is what
 * issueCloudPair returned (`credentialId`).
 */

export interface CredentialState {
  id: string
  /** active, or destroyed (revoked / reissued) */
  status: 'active' | 'destroyed'
  locked: boolean
  pinFailures: number
  remainingAttempts: number
  /** still the initial PIN (the user should be asked to change it) */
  pinIsInitial: boolean
  signSerial: string | null
  encSerial: string | null
}

export async function credentialState(credentialId: string): Promise<CredentialState> {
  const c = await loadCredential(credentialId)
  return {
    id: c.id,
    status: c.status,
    locked: Boolean(c.lockedAt),
    pinFailures: c.pinFailures,
    remainingAttempts: remainingAttempts(c),
    pinIsInitial: c.pinIsInitial,
    signSerial: c.signSerial,
    encSerial: c.encSerial,
  }
}

/**
 * The keys re-wrapped under a new PIN, with the audit entry of why, in
 * one transaction.
 */
async function setPin(
  credential: CloudCredential,
  dataKey: Buffer,
  newPin: string,
  entry: Required<Pick<AuditInput, 'action' | 'data'>> & { actor?: AuditActor }
) {
  await db.transaction(async (trx) => {
    await rewrapPin(trx, credential, dataKey, newPin)
    await audit.record({ ...entry, subjectType: 'cloud_credential', subjectId: credential.id }, trx)
  })
  return { credentialId: credential.id }
}

/**
 * 修改 PIN 码: the old PIN (counted when wrong) and a new one.
 */
export async function changePin(input: {
  credentialId: string
  oldPin: string
  newPin: string
  actor?: AuditActor
}) {
  const newPin = checkNewPin(input.newPin)
  if (checkPinFormat(input.oldPin) === newPin)
    throw new IssuanceError('pin_same', '新 PIN 码不能与原 PIN 码相同')
  const { credential, dataKey } = await openWithPin(input.credentialId, input.oldPin, input.actor)
  return setPin(credential, dataKey, newPin, {
    action: 'issuance.credential.pin_change',
    data: { signSerial: credential.signSerial },
    actor: input.actor,
  })
}

/**
 * 解锁 / 重置 PIN 码 after the caller has checked the holder's identity:
 * the office's key slot re-wraps the keys under the new PIN, the wrong-PIN
 * counter and the lock are cleared.
 */
export async function unlockPin(input: {
  credentialId: string
  newPin: string
  actor?: AuditActor
  note?: string
}) {
  const newPin = checkNewPin(input.newPin)
  const credential = await loadCredential(input.credentialId)
  const { dataKey } = await openWithCa(credential)
  return setPin(credential, dataKey, newPin, {
    action: 'issuance.credential.pin_unlock',
    data: {
      wasLocked: Boolean(credential.lockedAt),
      failures: credential.pinFailures,
      note: input.note ?? null,
    },
    actor: input.actor,
  })
}

/**
 * 密钥恢复: put an archived encryption key (of an earlier certificate of
 * the same holder) into a cloud credential, so that envelopes made for
 * the old encryption certificate (bid files) open with the new one.
 */
export async function recoverEncryptionKey(input: {
  serial: string
  intoCredentialId: string
  actor?: AuditActor
  note?: string
}) {
  const serial = normaliseSerial(input.serial)
  const archived = serial ? await ArchivedKey.query().where('serial', serial).first() : null
  if (!archived) throw new IssuanceError('archive_missing', '未找到该证书的归档加密密钥')
  const credential = await loadCredential(input.intoCredentialId)
  const oldCert = await IssuedCertificate.query().where('serial', archived.serial).firstOrFail()
  const currentCert = credential.encSerial
    ? await IssuedCertificate.query().where('serial', credential.encSerial).first()
    : null
  if (!currentCert || currentCert.subjectIdNumber !== oldCert.subjectIdNumber) {
    throw new IssuanceError('archive_missing', '加密密钥只能恢复到同一持有人的云证书')
  }
  const { dataKey, ring } = await openWithCa(credential)
  if (credential.encSerial === archived.serial || ring.history.has(archived.serial)) {
    return { credentialId: credential.id, serial: archived.serial, alreadyPresent: true }
  }
  ring.history.set(archived.serial, await recoverArchivedKey(archived.wrapped, archived.serial))
  await db.transaction(async (trx) => {
    await storeKeyRing(trx, credential, dataKey, ring)
    await audit.record(
      {
        action: 'issuance.key.recover',
        subjectType: 'cloud_credential',
        subjectId: credential.id,
        data: { recoveredSerial: archived.serial, note: input.note ?? null },
        actor: input.actor,
      },
      trx
    )
  })
  return { credentialId: credential.id, serial: archived.serial, alreadyPresent: false }
}

/**
 * The password that protects an exported PKCS#12 file: chosen by the
 * holder, 8 to 64 characters, not the PIN (the PIN opens the key in
 * CertDesk; the file, once downloaded, is only as safe as its password).
 */
export function checkExportPassword(password: unknown, pin?: string): string {
  const { minPasswordLength: min, maxPasswordLength: max } = issuanceConfig.pkcs12
  if (typeof password !== 'string' || [...password].length < min || [...password].length > max) {
    throw new IssuanceError('export_password_invalid', `导出密码应为 ${min} 至 ${max} 个字符`)
  }
  if (pin !== undefined && password === pin)
    throw new IssuanceError('export_password_invalid', '导出密码不能与 PIN 码相同')
  return password
}

/**
 * PKCS#12 (.p12/.pfx) of the signing or the encryption key with its
 * certificate and chain: the PIN opens the key, the export password the
 * holder chose protects the file (SHA-256 MAC, PBES2 AES-256-CBC with
 * PBKDF2-HMAC-SHA256, `pkcs12.iterations`).
 */
export async function exportPkcs12(input: {
  credentialId: string
  pin: string
  exportPassword: string
  usage?: 'sign' | 'encrypt'
  actor?: AuditActor
}) {
  const usage = input.usage ?? 'sign'
  const password = checkExportPassword(input.exportPassword, input.pin)
  const { credential, ring } = await openWithPin(input.credentialId, input.pin, input.actor)
  const serial = usage === 'sign' ? credential.signSerial : credential.encSerial
  const cert = serial ? await IssuedCertificate.query().where('serial', serial).first() : null
  if (!cert) throw new IssuanceError('not_found', '证书不存在')
  if (cert.effectiveStatus === 'revoked')
    throw new IssuanceError('credential_inactive', '证书已注销，不能导出')
  const ca = await caRegistry.byId(cert.issuerId)
  const chain = ca ? await caRegistry.chain(ca).then((list) => list.map((c) => c.der)) : []
  const pkcs12 = await buildPkcs12({
    key: usage === 'sign' ? ring.sign : ring.enc,
    certificate: Buffer.from(cert.der, 'base64'),
    chain,
    password,
    friendlyName: `${cert.subjectName}（${usage === 'sign' ? '签名' : '加密'}证书）`,
    iterations: issuanceConfig.pkcs12.iterations,
  })
  await audit.record({
    action: 'issuance.credential.export',
    subjectType: 'cloud_credential',
    subjectId: credential.id,
    data: {
      serial: cert.serial,
      usage,
      mac: 'sha256',
      cipher: 'PBES2/PBKDF2-HMAC-SHA256/AES-256-CBC',
      iterations: issuanceConfig.pkcs12.iterations,
    },
    actor: input.actor,
  })
  return { serial: cert.serial, filename: `${cert.serial.toUpperCase()}.p12`, pkcs12 }
}
