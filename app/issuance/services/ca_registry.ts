import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import issuanceConfig from '#config/issuance'
import CertificateAuthority from '#issuance/models/certificate_authority'
import { IssuanceError } from '#issuance/services/errors'
import { caPassphrase, openWithPassphrase, type PassphraseBox } from '#issuance/services/secrets'
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
  crlUrl: string
  certUrl: string
}

const OCSP_HASHES = ['sha1', 'sha256', 'sha384', 'sha512']

const loaded = new Map<string, LoadedCa>()
const keys = new Map<string, Promise<KeyObject>>()
let currentCache: { at: number; rootId: string | null; issuingId: string | null } | null = null
const CURRENT_TTL_MS = 5_000

export function crlUrlOf(caId: string) {
  return `${issuanceConfig.pkiBaseUrl}/crl/${caId}.crl`
}

export function certUrlOf(caId: string) {
  return `${issuanceConfig.pkiBaseUrl}/ca/${caId}.crt`
}

export function ocspUrl() {
  return `${issuanceConfig.pkiBaseUrl}/ocsp`
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
    crlUrl: crlUrlOf(row.id),
    certUrl: certUrlOf(row.id),
  }
  loaded.set(row.id, ca)
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

  async currentIds(): Promise<{ rootId: string | null; issuingId: string | null }> {
    if (currentCache && Date.now() - currentCache.at < CURRENT_TTL_MS) return currentCache
    const rows = await db
      .from('certificate_authorities')
      .where('is_current', true)
      .select('id', 'kind')
    const rootId = rows.find((r) => r.kind === 'root')?.id ?? null
    const issuingId = rows.find((r) => r.kind === 'issuing')?.id ?? null
    currentCache = { at: Date.now(), rootId, issuingId }
    return currentCache
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
    let pending = keys.get(ca.id)
    if (!pending) {
      pending = (async () => {
        const row = await CertificateAuthority.query({ client })
          .where('id', ca.id)
          .select('id', 'encrypted_key')
          .firstOrFail()
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

export default caRegistry
