import { createPrivateKey, type KeyObject } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import audit, { type AuditActor } from '#core/audit/audit_service'
import caRegistry from '#issuance/services/ca_registry'
import { signOfflineRootArtefacts, spkiOf } from '#issuance/services/ca_setup'
import {
  isLegacyWrap,
  unwrapForOffice,
  wrapForOffice,
  type CaWrap,
} from '#issuance/services/custody'
import { dbTime } from '#issuance/services/db_time'
import { IssuanceError } from '#issuance/services/errors'
import { officeSecret } from '#issuance/services/office_secrets'
import { ocspCache } from '#issuance/services/ocsp'
import { checkPkiBaseUrl } from '#issuance/services/pki_url'
import type { SealedBox } from '#issuance/services/secrets'

/**
 * Deliberate changes to the CA that an operator makes with an ace
 * command, each audited: the PKI base URL, re-signing an offline root's
 * CRL, moving old cloud-key wraps to the custody key, and handing the
 * subject ID hash key to a relying party.
 */

/**
 * ca:set-pki-url: the base of the CRL, OCSP and CA-issuer URLs written
 * into certificates issued from now on (certificates already issued keep
 * theirs: serve both addresses while they are in force).
 */
export async function setPkiBaseUrl(input: { url: string; actor?: AuditActor }) {
  const url = checkPkiBaseUrl(input.url, { production: app.inProduction })
  const { issuingId } = await caRegistry.currentIds()
  if (!issuingId) throw new IssuanceError('ca_missing', 'CA 尚未初始化，请先运行 node ace ca:init')
  const result = await db.transaction(async (trx) => {
    const row = await trx.from('certificate_authorities').where('id', issuingId).first()
    const from = row?.pki_base_url ?? null
    await trx
      .from('certificate_authorities')
      .where('is_current', true)
      .update({ pki_base_url: url, updated_at: dbTime(new Date(), trx) })
    await audit.record(
      {
        action: 'issuance.ca.pki_url',
        subjectType: 'certificate_authority',
        subjectId: issuingId,
        data: { from, to: url },
        actor: input.actor,
      },
      trx
    )
    return { from, to: url }
  })
  caRegistry.invalidate()
  await caRegistry.currentIds()
  return result
}

/**
 * ca:root-crl: with the offline root's key file brought back, a new root
 * CRL and new pre-signed OCSP responses about the CA below it, valid for
 * `offlineRoot.validityDays`. The key is checked against the root
 * certificate and forgotten afterwards.
 */
export async function resignOfflineRoot(input: {
  keyPem: string | Buffer
  passphrase: string
  actor?: AuditActor
}) {
  const root = await caRegistry.root()
  if (!root.keyOffline) {
    throw new IssuanceError(
      'root_key_file',
      '根 CA 私钥在线保存，CRL 由服务器自动发布，请使用 node ace crl:publish'
    )
  }
  let key: KeyObject
  try {
    key = createPrivateKey({ key: input.keyPem, format: 'pem', passphrase: input.passphrase })
  } catch {
    throw new IssuanceError('root_key_file', '根 CA 密钥文件无法打开：口令不正确或文件已损坏')
  }
  if (!spkiOf(key).equals(root.cert.spki)) {
    throw new IssuanceError('root_key_file', '该密钥文件不是当前根 CA 的私钥')
  }
  const signed = await db.transaction(async (trx) => {
    const out = await signOfflineRootArtefacts(trx, root, key)
    await audit.record(
      {
        action: 'issuance.ca.root_crl',
        subjectType: 'certificate_authority',
        subjectId: root.id,
        data: {
          crlNumber: out.crl.crlNumber,
          nextUpdate: out.crl.nextUpdate.toISOString(),
          ocspResponses: out.children,
        },
        actor: input.actor,
      },
      trx
    )
    return out
  })
  ocspCache.clear()
  return { caId: root.id, crlNumber: signed.crl.crlNumber, nextUpdate: signed.crl.nextUpdate }
}

/**
 * ca:rewrap-custody: the office's slot of every cloud credential and
 * every archived key wrapped (before issue 9) under the issuing CA's RSA
 * key moves to the custody key. Those wraps open either way; afterwards
 * the issuing CA's key decrypts nothing.
 */
export async function rewrapCustody(input: { actor?: AuditActor } = {}) {
  const credentials = await db
    .from('cloud_credentials')
    .whereNotNull('ca_wrap')
    .select('id', 'ca_wrap')
  const archived = await db.from('archived_keys').select('id', 'serial', 'wrapped')
  let movedCredentials = 0
  let movedArchive = 0
  await db.transaction(async (trx) => {
    for (const row of credentials) {
      const wrap = JSON.parse(row.ca_wrap) as CaWrap
      if (!isLegacyWrap(wrap)) continue
      const secret = await unwrapForOffice(wrap, row.id, trx)
      await trx
        .from('cloud_credentials')
        .where('id', row.id)
        .update({ ca_wrap: JSON.stringify(await wrapForOffice(secret, row.id, trx)) })
      movedCredentials++
    }
    for (const row of archived) {
      const entry = JSON.parse(row.wrapped) as SealedBox & { kek: CaWrap }
      if (!isLegacyWrap(entry.kek)) continue
      const secret = await unwrapForOffice(entry.kek, row.serial, trx)
      const kek = await wrapForOffice(secret, row.serial, trx)
      await trx
        .from('archived_keys')
        .where('id', row.id)
        .update({ wrapped: JSON.stringify({ ...entry, kek }) })
      movedArchive++
    }
    const { issuingId } = await caRegistry.currentIds()
    await audit.record(
      {
        action: 'issuance.ca.rewrap_custody',
        subjectType: 'certificate_authority',
        subjectId: issuingId ?? 'none',
        data: { credentials: movedCredentials, archivedKeys: movedArchive },
        actor: input.actor,
      },
      trx
    )
  })
  return { credentials: movedCredentials, archivedKeys: movedArchive }
}

/**
 * ca:subject-id-key: the key of the subject ID hash, for a relying party
 * that matches certificates to the ID numbers it holds (README). Audited:
 * who took it and for whom.
 */
export async function revealSubjectIdKey(input: { recipient: string; actor?: AuditActor }) {
  const recipient = input.recipient?.trim()
  if (!recipient) throw new IssuanceError('subject_invalid', '请用 --for 写明交给哪个依赖方')
  const secret = await officeSecret('subject_id')
  const { issuingId } = await caRegistry.currentIds()
  await audit.record({
    action: 'issuance.ca.subject_id_key',
    subjectType: 'certificate_authority',
    subjectId: issuingId ?? 'none',
    data: { version: secret.version, recipient: recipient.slice(0, 100) },
    actor: input.actor,
  })
  return { version: secret.version, keyHex: secret.key.toString('hex') }
}
