import { createPublicKey, generateKeyPair as generateKeyPairCb, type KeyObject } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { promisify } from 'node:util'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import issuanceConfig from '#config/issuance'
import { uuid } from '#core/ids'
import audit, { type AuditActor } from '#core/audit/audit_service'
import caRegistry, { type LoadedCa } from '#issuance/services/ca_registry'
import { publishCrl } from '#issuance/services/crl'
import { createOfficeSecret, type SecretPurpose } from '#issuance/services/office_secrets'
import { presignCaStatus } from '#issuance/services/ocsp'
import { encryptedPrivateKeyPem } from '#issuance/services/pbes2'
import { certUrlOf, checkPkiBaseUrl, crlUrlOf, ocspUrlOf } from '#issuance/services/pki_url'
import { dbTime } from '#issuance/services/db_time'
import { IssuanceError } from '#issuance/services/errors'
import { OID } from '#issuance/services/oids'
import { caPassphrase, sealWithPassphrase } from '#issuance/services/secrets'
import { newSerial } from '#issuance/services/serials'
import {
  authorityInfoAccessExtension,
  authorityKeyIdExtension,
  basicConstraintsExtension,
  certificatePoliciesExtension,
  crlDistributionPointsExtension,
  encodeName,
  fingerprint,
  keyIdentifier,
  keyUsageExtension,
  nameToString,
  nativeSigner,
  signStructure,
  subjectKeyIdExtension,
  tbsCertificate,
  type NameAttribute,
} from '#issuance/services/x509'

const generateKeyPair = promisify(generateKeyPairCb)

export async function generateRsaKey(bits: number): Promise<KeyObject> {
  const { privateKey } = await generateKeyPair('rsa', {
    modulusLength: bits,
    publicExponent: 0x10001,
  })
  return privateKey
}

export function spkiOf(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' }) as Buffer
}

function caName(commonName: string): NameAttribute[] {
  return [
    { oid: OID.countryName, value: issuanceConfig.country },
    { oid: OID.organizationName, value: issuanceConfig.caOrganization },
    { oid: OID.commonName, value: commonName },
  ]
}

export interface InitResult {
  rootId: string
  issuingId: string
  pkiBaseUrl: string
  offlineRoot: boolean
}

export interface InitOptions {
  actor?: AuditActor
  /** default: PKI_BASE_URL, else APP_URL/pki (read here, once, and stored with the CA) */
  pkiBaseUrl?: string
  /**
   * Keep the root key offline: it is handed to `writeKeyFile` as an
   * encrypted PKCS#8 PEM (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) before
   * anything is stored, and never stored in the database. The root then
   * pre-signs a long-lived CRL and the OCSP response about the issuing CA.
   */
  offlineRoot?: { passphrase: string; writeKeyFile: (pem: string) => Promise<void> }
}

/** a passphrase for the offline root key file */
export function checkRootKeyPassphrase(passphrase: unknown): string {
  if (typeof passphrase !== 'string' || [...passphrase].length < 12) {
    throw new IssuanceError('root_key_file', '根 CA 密钥文件的保护口令至少 12 个字符')
  }
  return passphrase
}

/**
 * Create the hierarchy: a self-signed root CA and an issuing CA under it,
 * both keys sealed under CA_PASSPHRASE (or the root's in an offline key
 * file), the PKI base URL they will use for good, the office's own
 * secrets, and the first CRL of each. Refuses when a current root
 * already exists.
 */
export async function initHierarchy(options: InitOptions = {}): Promise<InitResult> {
  const existing = await db.from('certificate_authorities').where('is_current', true).first()
  if (existing) throw new IssuanceError('ca_exists', 'CA 已存在，无需重复初始化')
  const passphrase = caPassphrase()
  const pkiBaseUrl = checkPkiBaseUrl(options.pkiBaseUrl ?? issuanceConfig.initialPkiBaseUrl, {
    production: app.inProduction,
  })
  const offline = options.offlineRoot
  if (offline) checkRootKeyPassphrase(offline.passphrase)

  const [rootKey, issuingKey] = await Promise.all([
    generateRsaKey(issuanceConfig.root.keyBits),
    generateRsaKey(issuanceConfig.issuing.keyBits),
  ])
  const now = new Date(Math.floor(Date.now() / 1000) * 1000)
  const rootId = uuid()
  const issuingId = uuid()

  // Root: self-signed
  const rootAttrs = caName(issuanceConfig.root.commonName)
  const rootName = encodeName(rootAttrs)
  const rootSpki = spkiOf(rootKey)
  const rootKeyId = keyIdentifier(rootSpki)
  const rootNotAfter = DateTime.fromJSDate(now, { zone: 'utc' })
    .plus({ years: issuanceConfig.root.validityYears })
    .toJSDate()
  const rootSerial = newSerial()
  const rootDer = await signStructure(
    tbsCertificate({
      serialHex: rootSerial,
      issuerName: rootName,
      subjectName: rootName,
      notBefore: now,
      notAfter: rootNotAfter,
      spki: rootSpki,
      extensions: [
        basicConstraintsExtension(true),
        keyUsageExtension(['digitalSignature', 'keyCertSign', 'cRLSign']),
        subjectKeyIdExtension(rootKeyId),
      ],
    }),
    nativeSigner(rootKey)
  )

  // Issuing CA: signed by the root, may not sign other CAs (pathLen 0)
  const issuingAttrs = caName(issuanceConfig.issuing.commonName)
  const issuingSpki = spkiOf(issuingKey)
  const issuingKeyId = keyIdentifier(issuingSpki)
  let issuingNotAfter = DateTime.fromJSDate(now, { zone: 'utc' })
    .plus({ years: issuanceConfig.issuing.validityYears })
    .toJSDate()
  if (issuingNotAfter > rootNotAfter) issuingNotAfter = rootNotAfter
  const issuingSerial = newSerial()
  const issuingDer = await signStructure(
    tbsCertificate({
      serialHex: issuingSerial,
      issuerName: rootName,
      subjectName: encodeName(issuingAttrs),
      notBefore: now,
      notAfter: issuingNotAfter,
      spki: issuingSpki,
      extensions: [
        basicConstraintsExtension(true, 0),
        keyUsageExtension(['digitalSignature', 'keyCertSign', 'cRLSign']),
        subjectKeyIdExtension(issuingKeyId),
        authorityKeyIdExtension(rootKeyId),
        crlDistributionPointsExtension(crlUrlOf(pkiBaseUrl, rootId)),
        authorityInfoAccessExtension(ocspUrlOf(pkiBaseUrl), certUrlOf(pkiBaseUrl, rootId)),
        certificatePoliciesExtension(['2.5.29.32.0'], pkiBaseUrl),
      ],
    }),
    nativeSigner(rootKey)
  )

  const N = issuanceConfig.caKeyScryptN
  const [rootBox, issuingBox] = await Promise.all([
    offline
      ? null
      : sealWithPassphrase(
          passphrase,
          rootKey.export({ type: 'pkcs8', format: 'der' }) as Buffer,
          N,
          rootId
        ),
    sealWithPassphrase(
      passphrase,
      issuingKey.export({ type: 'pkcs8', format: 'der' }) as Buffer,
      N,
      issuingId
    ),
  ])

  // the key file first: once the CA is stored, a lost root key cannot be made again
  if (offline) {
    await offline.writeKeyFile(
      await encryptedPrivateKeyPem(
        rootKey,
        offline.passphrase,
        issuanceConfig.offlineRoot.keyFileIterations
      )
    )
  }

  await db.transaction(async (trx) => {
    const at = dbTime(new Date(), trx)
    const row = (
      id: string,
      kind: 'root' | 'issuing',
      parentId: string | null,
      attrs: NameAttribute[],
      serial: string,
      derBytes: Buffer,
      bits: number,
      box: object | null,
      keyId: Buffer,
      notAfter: Date
    ) => ({
      id,
      kind,
      parent_id: parentId,
      common_name: attrs[attrs.length - 1].value,
      subject_dn: nameToString(attrs),
      serial,
      certificate: derBytes.toString('base64'),
      key_algorithm: 'RSA',
      key_bits: bits,
      encrypted_key: box ? JSON.stringify(box) : null,
      key_offline: box === null,
      pki_base_url: pkiBaseUrl,
      key_identifier: keyId.toString('hex'),
      sha256_fingerprint: fingerprint(derBytes, 'sha256'),
      sha1_fingerprint: fingerprint(derBytes, 'sha1'),
      not_before: dbTime(now, trx),
      not_after: dbTime(notAfter, trx),
      is_current: true,
      crl_number: 0,
      created_at: at,
      updated_at: at,
    })
    await trx
      .insertQuery()
      .table('certificate_authorities')
      .multiInsert([
        row(
          rootId,
          'root',
          null,
          rootAttrs,
          rootSerial,
          rootDer,
          issuanceConfig.root.keyBits,
          rootBox,
          rootKeyId,
          rootNotAfter
        ),
        row(
          issuingId,
          'issuing',
          rootId,
          issuingAttrs,
          issuingSerial,
          issuingDer,
          issuanceConfig.issuing.keyBits,
          issuingBox,
          issuingKeyId,
          issuingNotAfter
        ),
      ])
    if (!offline) caRegistry.primeKey(rootId, rootKey)
    caRegistry.primeKey(issuingId, issuingKey)
    const root = (await caRegistry.byId(rootId, trx))!
    const issuing = (await caRegistry.byId(issuingId, trx))!
    if (offline) {
      await signOfflineRootArtefacts(trx, root, rootKey, issuingSerial, issuingId)
    } else {
      await publishCrl(root, trx)
    }
    await publishCrl(issuing, trx)
    for (const purpose of ['custody', 'subject_id'] as SecretPurpose[]) {
      const found = await trx.from('issuance_secrets').where('purpose', purpose).first()
      if (!found) await createOfficeSecret(purpose, trx)
    }
    await audit.record(
      {
        action: 'issuance.ca.init',
        subjectType: 'certificate_authority',
        subjectId: rootId,
        data: {
          root: {
            id: rootId,
            name: issuanceConfig.root.commonName,
            serial: rootSerial,
            sha256: fingerprint(rootDer),
          },
          issuing: {
            id: issuingId,
            name: issuanceConfig.issuing.commonName,
            serial: issuingSerial,
            sha256: fingerprint(issuingDer),
          },
          pkiBaseUrl,
          offlineRoot: Boolean(offline),
        },
        actor: options.actor,
      },
      trx
    )
  })
  caRegistry.invalidate()
  return { rootId, issuingId, pkiBaseUrl, offlineRoot: Boolean(offline) }
}

/**
 * With the offline root's key out of its safe: a new root CRL valid for
 * `offlineRoot.validityDays`, and the OCSP responses about each CA under
 * the root, valid as long, stored for the responder.
 */
export async function signOfflineRootArtefacts(
  trx: TransactionClientContract,
  root: LoadedCa,
  rootKey: KeyObject,
  childSerial?: string,
  childId?: string
) {
  const now = new Date()
  const validityHours = issuanceConfig.offlineRoot.validityDays * 24
  const crl = await publishCrl(root, trx, now, { key: rootKey, validityHours })
  const children: Array<{ id: string; serial: string }> =
    childSerial && childId
      ? [{ id: childId, serial: childSerial }]
      : await trx.from('certificate_authorities').where('parent_id', root.id).select('id', 'serial')
  for (const child of children) {
    const presigned = await presignCaStatus(
      root,
      rootKey,
      child.serial,
      crl.thisUpdate,
      crl.nextUpdate
    )
    await trx
      .from('certificate_authorities')
      .where('id', child.id)
      .update({ presigned_ocsp: JSON.stringify(presigned), updated_at: dbTime(new Date(), trx) })
  }
  return { crl, children: children.length }
}
