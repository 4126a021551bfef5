import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import issuanceConfig from '#config/issuance'
import caRegistry, { type LoadedCa } from '#issuance/services/ca_registry'
import * as der from '#issuance/services/der'
import { fromDb } from '#issuance/services/db_time'
import { CRL_REASON_CODES, HASH_BY_OID, OID, type CrlReason } from '#issuance/services/oids'
import { SHA256_WITH_RSA, nativeSigner } from '#issuance/services/x509'

/**
 * OCSP responder (RFC 6960), signed by the CA that issued the
 * certificate asked about: the issuing CA key is online anyway (it signs
 * certificates and CRLs in this process), so a delegated responder
 * certificate would add a second key to guard without taking the first
 * one offline. Clients verify with the issuer certificate they already
 * hold (`openssl ocsp -issuer`).
 *
 * Requests without a nonce get a pre-signed response from memory
 * (RFC 5019 style) until the certificate's status changes or half of the
 * response's validity has passed; a nonce is echoed, which needs a fresh
 * signature.
 */

export const OCSP_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const

export type OcspResponseStatus = keyof typeof OCSP_STATUS

export function errorResponse(status: Exclude<OcspResponseStatus, 'successful'>): Buffer {
  return der.seq(der.enumerated(OCSP_STATUS[status]))
}

export interface ParsedRequest {
  /** each CertID as received (echoed in the response) */
  certIds: Array<{
    raw: Buffer
    hashAlg: string
    nameHash: Buffer
    keyHash: Buffer
    serial: string
  }>
  /** the whole nonce extension (echoed as received) */
  nonceExtension: Buffer | null
}

export class MalformedOcspRequest extends Error {}

/**
 * OCSPRequest ::= SEQUENCE { tbsRequest, optionalSignature [0] OPTIONAL }
 */
export function parseOcspRequest(buf: Buffer): ParsedRequest {
  try {
    const top = der.readSingle(buf)
    if (top.tag !== der.TAG.SEQUENCE) throw new MalformedOcspRequest()
    const [tbs] = der.children(buf, top)
    if (!tbs || tbs.tag !== der.TAG.SEQUENCE) throw new MalformedOcspRequest()
    const parts = der.children(buf, tbs)
    let i = 0
    if (parts[i]?.tag === 0xa0) i++ // version
    if (parts[i]?.tag === 0xa1) i++ // requestorName
    const list = parts[i++]
    if (!list || list.tag !== der.TAG.SEQUENCE) throw new MalformedOcspRequest()
    const certIds: ParsedRequest['certIds'] = []
    for (const request of der.children(buf, list)) {
      const [certId] = der.children(buf, request)
      if (!certId || certId.tag !== der.TAG.SEQUENCE) throw new MalformedOcspRequest()
      const [alg, nameHash, keyHash, serial] = der.children(buf, certId)
      if (
        !alg ||
        nameHash?.tag !== der.TAG.OCTET_STRING ||
        keyHash?.tag !== der.TAG.OCTET_STRING ||
        serial?.tag !== der.TAG.INTEGER
      ) {
        throw new MalformedOcspRequest()
      }
      const [algOid] = der.children(buf, alg)
      certIds.push({
        raw: der.bytesOf(buf, certId),
        hashAlg: HASH_BY_OID[der.decodeOid(der.contentOf(buf, algOid))] ?? 'unsupported',
        nameHash: der.contentOf(buf, nameHash),
        keyHash: der.contentOf(buf, keyHash),
        serial: der.integerHex(der.contentOf(buf, serial)),
      })
    }
    if (certIds.length === 0 || certIds.length > 20) throw new MalformedOcspRequest()
    let nonceExtension: Buffer | null = null
    const extsNode = parts[i]
    if (extsNode?.tag === 0xa2) {
      const [exts] = der.children(buf, extsNode)
      for (const ext of der.children(buf, exts)) {
        const [idNode] = der.children(buf, ext)
        if (der.decodeOid(der.contentOf(buf, idNode)) === OID.ocspNonce)
          nonceExtension = der.bytesOf(buf, ext)
      }
    }
    return { certIds, nonceExtension }
  } catch (error) {
    if (error instanceof MalformedOcspRequest) throw error
    throw new MalformedOcspRequest()
  }
}

interface StatusRow {
  serial: string
  status: 'good' | 'suspended' | 'revoked' | 'unknown'
  revokedAt: Date | null
  reason: string | null
}

function certStatus(row: StatusRow): Buffer {
  if (row.status === 'good') return Buffer.from([0x80, 0x00])
  if (row.status === 'unknown') return Buffer.from([0x82, 0x00])
  const reason = row.status === 'suspended' ? 'certificateHold' : (row.reason ?? 'unspecified')
  const code = CRL_REASON_CODES[reason as CrlReason] ?? 0
  return der.implicit(
    1,
    Buffer.concat([
      der.generalizedTime(row.revokedAt ?? new Date(0)),
      der.explicit(0, der.enumerated(code)),
    ]),
    true
  )
}

/**
 * Status of the serials a CA issued (end-entity certificates, or the
 * CA certificates under a root).
 */
async function lookup(ca: LoadedCa, serials: string[]): Promise<Map<string, StatusRow>> {
  const out = new Map<string, StatusRow>()
  const rows = await db
    .from('issued_certificates')
    .where('issuer_id', ca.id)
    .whereIn('serial', serials)
    .select('serial', 'status', 'revoked_at', 'revocation_reason')
  for (const r of rows) {
    out.set(r.serial, {
      serial: r.serial,
      status: r.status === 'valid' ? 'good' : r.status,
      revokedAt: r.revoked_at ? fromDb(r.revoked_at) : null,
      reason: r.revocation_reason,
    })
  }
  if (ca.kind === 'root' && out.size < serials.length) {
    const cas = await db
      .from('certificate_authorities')
      .where('parent_id', ca.id)
      .whereIn('serial', serials)
      .select('serial')
    for (const r of cas)
      out.set(r.serial, { serial: r.serial, status: 'good', revokedAt: null, reason: null })
  }
  return out
}

/* ------------------------------------------------------------------ */
/* Cache of signed responses                                           */
/* ------------------------------------------------------------------ */

interface CacheEntry {
  der: Buffer
  freshUntil: number
}

const cache = new Map<string, CacheEntry>()
/** serial → cache keys, to drop a certificate's responses when its status changes */
const keysBySerial = new Map<string, Set<string>>()

function statusKey(row: StatusRow) {
  return `${row.status}|${row.revokedAt?.getTime() ?? ''}|${row.reason ?? ''}`
}

function remember(key: string, serials: string[], entry: CacheEntry) {
  if (cache.size >= issuanceConfig.ocsp.cacheMaxEntries) {
    // drop the oldest tenth (Map keeps insertion order)
    let n = Math.ceil(issuanceConfig.ocsp.cacheMaxEntries / 10)
    for (const k of cache.keys()) {
      cache.delete(k)
      if (--n <= 0) break
    }
  }
  cache.set(key, entry)
  for (const s of serials) {
    let set = keysBySerial.get(s)
    if (!set) keysBySerial.set(s, (set = new Set()))
    set.add(key)
  }
}

export const ocspCache = {
  /**
   * Forget the signed responses about these serials (status changed).
   */
  invalidate(serials: string[]) {
    for (const s of serials) {
      const set = keysBySerial.get(s)
      if (!set) continue
      for (const k of set) cache.delete(k)
      keysBySerial.delete(s)
    }
  },
  clear() {
    cache.clear()
    keysBySerial.clear()
  },
  size() {
    return cache.size
  },
}

/* ------------------------------------------------------------------ */
/* Responder                                                           */
/* ------------------------------------------------------------------ */

async function sign(
  ca: LoadedCa,
  rows: StatusRow[],
  certIds: ParsedRequest['certIds'],
  nonceExtension: Buffer | null,
  now: Date
) {
  const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000)
  const nextUpdate = new Date(thisUpdate.getTime() + issuanceConfig.ocsp.validitySeconds * 1000)
  const responses = certIds.map((id, i) =>
    der.seq(
      id.raw,
      certStatus(rows[i]),
      der.generalizedTime(thisUpdate),
      der.explicit(0, der.generalizedTime(nextUpdate))
    )
  )
  const responseData = der.seq(
    der.explicit(2, der.octetString(ca.keyHash.sha1)), // responderID byKey
    der.generalizedTime(thisUpdate),
    der.seq(...responses),
    nonceExtension ? der.explicit(1, der.seq(nonceExtension)) : null
  )
  const key = await caRegistry.privateKey(ca)
  const signature = await nativeSigner(key).sign(responseData)
  const basic = der.seq(responseData, SHA256_WITH_RSA, der.bitString(signature))
  return der.seq(
    der.enumerated(OCSP_STATUS.successful),
    der.explicit(0, der.seq(der.oid(OID.ocspBasic), der.octetString(basic)))
  )
}

/**
 * Find the CA of a CertID: in memory first, then (once per 5 s at most
 * when someone asks about a foreign CA) from the database.
 */
let lastReload = 0
async function responderFor(
  hashAlg: string,
  nameHash: Buffer,
  keyHash: Buffer
): Promise<LoadedCa | null> {
  let ca = caRegistry.findByCertIdHashes(hashAlg, nameHash, keyHash)
  if (!ca && Date.now() - lastReload > 5_000) {
    lastReload = Date.now()
    await caRegistry.all()
    ca = caRegistry.findByCertIdHashes(hashAlg, nameHash, keyHash)
  }
  return ca
}

/**
 * Answer a DER OCSPRequest with a DER OCSPResponse. Never throws: bad
 * input is `malformedRequest`, foreign CAs `unauthorized`, our own
 * failures `internalError`.
 */
export async function respond(
  requestDer: Buffer,
  now = new Date()
): Promise<{ der: Buffer; status: OcspResponseStatus; cached: boolean }> {
  let request: ParsedRequest
  try {
    request = parseOcspRequest(requestDer)
  } catch {
    return { der: MALFORMED, status: 'malformedRequest', cached: false }
  }
  try {
    const first = request.certIds[0]
    const ca = await responderFor(first.hashAlg, first.nameHash, first.keyHash)
    if (!ca) return { der: UNAUTHORIZED, status: 'unauthorized', cached: false }
    for (const id of request.certIds.slice(1)) {
      const other = caRegistry.findByCertIdHashes(id.hashAlg, id.nameHash, id.keyHash)
      if (!other || other.id !== ca.id)
        return { der: UNAUTHORIZED, status: 'unauthorized', cached: false }
    }
    const found = await lookup(
      ca,
      request.certIds.map((c) => c.serial)
    )
    const rows = request.certIds.map(
      (c) =>
        found.get(c.serial) ?? {
          serial: c.serial,
          status: 'unknown' as const,
          revokedAt: null,
          reason: null,
        }
    )

    if (request.nonceExtension) {
      return {
        der: await sign(ca, rows, request.certIds, request.nonceExtension, now),
        status: 'successful',
        cached: false,
      }
    }

    const key = `${ca.id}|${request.certIds.map((c, i) => c.raw.toString('base64') + '|' + statusKey(rows[i])).join('||')}`
    const hit = cache.get(key)
    if (hit && hit.freshUntil > now.getTime())
      return { der: hit.der, status: 'successful', cached: true }
    const derBytes = await sign(ca, rows, request.certIds, null, now)
    remember(
      key,
      rows.map((r) => r.serial),
      {
        der: derBytes,
        freshUntil: now.getTime() + (issuanceConfig.ocsp.validitySeconds * 1000) / 2,
      }
    )
    return { der: derBytes, status: 'successful', cached: false }
  } catch (error) {
    logger.error({ err: error }, 'OCSP responder failed to answer a request')
    return { der: INTERNAL_ERROR, status: 'internalError', cached: false }
  }
}

const MALFORMED = errorResponse('malformedRequest')
const UNAUTHORIZED = errorResponse('unauthorized')
const INTERNAL_ERROR = errorResponse('internalError')
