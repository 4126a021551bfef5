import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import CertificateAuthority from '#issuance/models/certificate_authority'
import { IssuanceError } from '#issuance/services/errors'
import { caPassphrase, openWithPassphrase, type PassphraseBox } from '#issuance/services/secrets'
import { certUrlOf, crlUrlOf, ocspUrlOf } from '#issuance/services/pki_url'
import { parseCertificate, publicKeyBits, type ParsedCertificate } from '#issuance/services/x509'

/**
 * A CA as the signing code needs it: certificate bytes, names and hashes
 * precomputed, the private key decrypted once per process and kept as a
 * KeyObject in memory only (never logged, never rendered, never stored
 * in clear).
 */
export interface LoadedCa {
  id: string
  kind: 'root' | 'issuing'
  parentId: string | null
  commonName: string
  der: Buffer
  cert: ParsedCertificate
  /** DER of the CA's subject: the issuer Name of what it signs */
  subjectName: Buffer
  keyId: Buffer
  publicKey: KeyObject
  notAfter: Date
  /** OCSP CertID hashes by hash algorithm */
  nameHash: Record<string, Buffer>
  keyHash: Record<string, Buffer>
  /** the PKI base URL stored with the CA (ca:init, ca:set-pki-url) and the URLs made from it */
  pkiBaseUrl: string
  crlUrl: string
  certUrl: string
  ocspUrl: string
  /** the private key is kept offline (a root created with --offline-root) */
  keyOffline: boolean
}

const OCSP_HASHES = ['sha1', 'sha256', 'sha384', 'sha512']

const loaded = new Map<string, LoadedCa>()
const keys = new Map<string, Promise<KeyObject>>()
let currentCache: {
  at: number
  rootId: string | null
  issuingId: string | null
  pkiBaseUrl: string | null
} | null = null
/** a change made by another process (ca:set-pki-url) is seen within this time */
const CURRENT_TTL_MS = 5_000
let lastKnownBaseUrl: string | null = null

/**
 * Point a loaded CA at a (new) base URL.
 */
function applyBase(ca: LoadedCa, base: string) {
  ca.pkiBaseUrl = base
  ca.crlUrl = crlUrlOf(base, ca.id)
  ca.certUrl = certUrlOf(base, ca.id)
  ca.ocspUrl = ocspUrlOf(base)
}

function baseOf(row: { pkiBaseUrl: string | null }): string {
  if (!row.pkiBaseUrl) {
    // only a database that skipped migration 0504 can get here
    throw new IssuanceError('ca_missing', 'CA 未保存 PKI 地址，请先运行 node ace migration:run')
  }
  return row.pkiBaseUrl
}

function load(row: CertificateAuthority): LoadedCa {
  const cached = loaded.get(row.id)
  if (cached) return cached
  const der = row.der
  const cert = parseCertificate(der)
  const bits = publicKeyBits(cert.spki)
  const nameHash: Record<string, Buffer> = {}
  const keyHash: Record<string, Buffer> = {}
  for (const alg of OCSP_HASHES) {
    nameHash[alg] = createHash(alg).update(cert.subjectName).digest()
    keyHash[alg] = createHash(alg).update(bits).digest()
  }
  const base = baseOf(row)
  const ca: LoadedCa = {
    id: row.id,
    kind: row.kind,
    parentId: row.parentId,
    commonName: row.commonName,
    der,
    cert,
    subjectName: cert.subjectName,
    keyId: Buffer.from(row.keyIdentifier, 'hex'),
    publicKey: createPublicKey({ key: cert.spki, format: 'der', type: 'spki' }),
    notAfter: cert.notAfter,
    nameHash,
    keyHash,
    pkiBaseUrl: base,
    crlUrl: crlUrlOf(base, row.id),
    certUrl: certUrlOf(base, row.id),
    ocspUrl: ocspUrlOf(base),
    keyOffline: Boolean(row.keyOffline),
  }
  loaded.set(row.id, ca)
  if (row.isCurrent) lastKnownBaseUrl = base
  return ca
}

export const caRegistry = {
  /**
   * Forget the "current" pointers (after ca:init) so that the next call reads the database.
   */
  invalidate() {
    currentCache = null
  },

  async byId(id: string, client?: TransactionClientContract): Promise<LoadedCa | null> {
    const cached = loaded.get(id)
    if (cached) return cached
    const row = await CertificateAuthority.query({ client }).where('id', id).first()
    return row ? load(row) : null
  },

  async all(): Promise<LoadedCa[]> {
    const rows = await CertificateAuthority.query().orderBy('created_at', 'asc')
    return rows.map(load)
  },

  /**
   * The current root and issuing CA, and the stored PKI base URL (read
   * again every few seconds, so that `ca:set-pki-url` run by another
   * process reaches this one).
   */
  async currentIds(): Promise<{
    rootId: string | null
    issuingId: string | null
    pkiBaseUrl: string | null
  }> {
    if (currentCache && Date.now() - currentCache.at < CURRENT_TTL_MS) return currentCache
    const rows = await db
      .from('certificate_authorities')
      .where('is_current', true)
      .select('id', 'kind', 'pki_base_url')
    const rootId = rows.find((r) => r.kind === 'root')?.id ?? null
    const issuing = rows.find((r) => r.kind === 'issuing')
    const pkiBaseUrl = issuing?.pki_base_url ?? rows[0]?.pki_base_url ?? null
    for (const r of rows) {
      const ca = loaded.get(r.id)
      if (ca && r.pki_base_url && ca.pkiBaseUrl !== r.pki_base_url) applyBase(ca, r.pki_base_url)
    }
    if (pkiBaseUrl) lastKnownBaseUrl = pkiBaseUrl
    currentCache = { at: Date.now(), rootId, issuingId: issuing?.id ?? null, pkiBaseUrl }
    return currentCache
  },

  /**
   * The PKI base URL stored with the current CA, as last read (sync: for
   * pages that already awaited a registry read, e.g. listCas()).
   */
  lastKnownBaseUrl(): string | null {
    return lastKnownBaseUrl
  },

  /**
   * The CA that signs end-entity certificates now.
   */
  async issuing(): Promise<LoadedCa> {
    const { issuingId } = await this.currentIds()
    const ca = issuingId ? await this.byId(issuingId) : null
    if (!ca) {
      throw new IssuanceError('ca_missing', 'CA 尚未初始化，请先运行 node ace ca:init')
    }
    return ca
  },

  async root(): Promise<LoadedCa> {
    const { rootId } = await this.currentIds()
    const ca = rootId ? await this.byId(rootId) : null
    if (!ca) throw new IssuanceError('ca_missing', 'CA 尚未初始化，请先运行 node ace ca:init')
    return ca
  },

  /**
   * `root`, `issuing` or a CA id (UUID); null when unknown.
   */
  async resolve(idOrAlias: string): Promise<LoadedCa | null> {
    const { rootId, issuingId } = await this.currentIds()
    const id = idOrAlias === 'root' ? rootId : idOrAlias === 'issuing' ? issuingId : idOrAlias
    if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      return null
    return this.byId(id.toLowerCase())
  },

  /**
   * The chain above a CA, the CA first, the root last.
   */
  async chain(ca: LoadedCa): Promise<LoadedCa[]> {
    const out = [ca]
    let cursor = ca
    while (cursor.parentId) {
      const parent = await this.byId(cursor.parentId)
      if (!parent) break
      out.push(parent)
      cursor = parent
    }
    return out
  },

  /**
   * Decrypt the CA's private key (once per process).
   */
  async privateKey(ca: LoadedCa, client?: TransactionClientContract): Promise<KeyObject> {
    if (ca.keyOffline) throw offlineKeyError()
    let pending = keys.get(ca.id)
    if (!pending) {
      pending = (async () => {
        const row = await CertificateAuthority.query({ client })
          .where('id', ca.id)
          .select('id', 'encrypted_key', 'key_offline')
          .firstOrFail()
        if (row.keyOffline || !row.encryptedKey) throw offlineKeyError()
        const box = JSON.parse(row.encryptedKey) as PassphraseBox
        const pkcs8 = await openWithPassphrase(caPassphrase(), box, ca.id)
        if (!pkcs8) {
          throw new IssuanceError(
            'ca_key_unreadable',
            'CA 私钥无法解密：当前 CA_PASSPHRASE 与创建 CA 时使用的口令不一致'
          )
        }
        return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
      })()
      keys.set(ca.id, pending)
      pending.catch(() => keys.delete(ca.id))
    }
    return pending
  },

  /**
   * A key just generated (ca:init) need not be decrypted again.
   */
  primeKey(caId: string, key: KeyObject) {
    keys.set(caId, Promise.resolve(key))
  },

  /**
   * Find the CA named by an OCSP CertID.
   */
  findByCertIdHashes(hashAlg: string, nameHash: Buffer, keyHash: Buffer): LoadedCa | null {
    for (const ca of loaded.values()) {
      const n = ca.nameHash[hashAlg]
      const k = ca.keyHash[hashAlg]
      if (n && k && n.equals(nameHash) && k.equals(keyHash)) return ca
    }
    return null
  },

  /** the CAs already in memory (OCSP looks here first) */
  loaded(): LoadedCa[] {
    return [...loaded.values()]
  },
}

function offlineKeyError() {
  return new IssuanceError(
    'ca_key_offline',
    '根 CA 私钥离线保存，服务器不能用它签名。根 CRL 请用 node ace ca:root-crl --key-file <密钥文件> 重新签发'
  )
}

export default caRegistry
