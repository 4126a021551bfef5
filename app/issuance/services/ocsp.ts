import type { KeyObject } from 'node:crypto'
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
 * response's validity has passed; a nonce (1 to 128 octets, RFC 9654) is
 * echoed, which needs a fresh signature.
 *
 * A root kept offline cannot sign: questions about the CA under it are
 * answered with the response the root pre-signed when its key was last
 * brought out (ca:init --offline-root, ca:root-crl), valid as long as the
 * root CRL; any other question to it gets `unauthorized` (RFC 5019 §2.2.3).
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

/** RFC 9654: a nonce is 1 to 128 octets */
export const MAX_NONCE_OCTETS = 128

/**
 * Octets of the nonce in an extnValue: a DER OCTET STRING (RFC 8954/9654)
 * or, from older clients, the raw bytes.
 */
function nonceLength(extnValue: Buffer): number {
  try {
    const inner = der.readSingle(extnValue)
    if (inner.tag === der.TAG.OCTET_STRING) return inner.end - inner.contentStart
  } catch {
    // raw bytes
  }
  return extnValue.length
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
        const fields = der.children(buf, ext)
        const [idNode] = fields
        if (der.decodeOid(der.contentOf(buf, idNode)) !== OID.ocspNonce) continue
        const value = fields[fields.length - 1]
        if (fields.length < 2 || value.tag !== der.TAG.OCTET_STRING)
          throw new MalformedOcspRequest()
        const octets = nonceLength(der.contentOf(buf, value))
        if (octets < 1 || octets > MAX_NONCE_OCTETS) throw new MalformedOcspRequest()
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

/**
 * CertStatus. RevokedInfo carries a reason only when there is one: like
 * the CRL (RFC 5280 §5.3.1), `unspecified` is said by leaving it out.
 */
function certStatus(row: StatusRow): Buffer {
  if (row.status === 'good') return Buffer.from([0x80, 0x00])
  if (row.status === 'unknown') return Buffer.from([0x82, 0x00])
  const reason = row.status === 'suspended' ? 'certificateHold' : (row.reason ?? 'unspecified')
  const code = CRL_REASON_CODES[reason as CrlReason] ?? 0
  return der.implicit(
    1,
    Buffer.concat([
      der.generalizedTime(row.revokedAt ?? new Date(0)),
      code !== 0 ? der.explicit(0, der.enumerated(code)) : Buffer.alloc(0),
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
  thisUpdate: Date
  nextUpdate: Date
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

/**
 * A signed BasicOCSPResponse inside an OCSPResponse.
 */
async function signResponse(
  ca: LoadedCa,
  key: KeyObject,
  rows: StatusRow[],
  certIds: Array<{ raw: Buffer }>,
  nonceExtension: Buffer | null,
  thisUpdate: Date,
  nextUpdate: Date
) {
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
  const signature = await nativeSigner(key).sign(responseData)
  const basic = der.seq(responseData, SHA256_WITH_RSA, der.bitString(signature))
  return der.seq(
    der.enumerated(OCSP_STATUS.successful),
    der.explicit(0, der.seq(der.oid(OID.ocspBasic), der.octetString(basic)))
  )
}

async function sign(
  ca: LoadedCa,
  rows: StatusRow[],
  certIds: ParsedRequest['certIds'],
  nonceExtension: Buffer | null,
  now: Date
) {
  const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000)
  const nextUpdate = new Date(thisUpdate.getTime() + issuanceConfig.ocsp.validitySeconds * 1000)
  const key = await caRegistry.privateKey(ca)
  const bytes = await signResponse(ca, key, rows, certIds, nonceExtension, thisUpdate, nextUpdate)
  return { der: bytes, thisUpdate, nextUpdate }
}

/* ------------------------------------------------------------------ */
/* Responses pre-signed by an offline root                             */
/* ------------------------------------------------------------------ */

export interface PresignedOcsp {
  thisUpdate: string
  nextUpdate: string
  /** DER (base64) by CertID hash algorithm */
  responses: Record<string, string>
}

const CERT_ID_HASH_OIDS: Record<string, string> = {
  sha1: OID.sha1,
  sha256: OID.sha256,
  sha384: OID.sha384,
  sha512: OID.sha512,
}

/**
 * "good" for a CA certificate `parent` signed, one response per CertID
 * hash algorithm a client may use, signed with the parent's key while it
 * is out of its safe.
 */
export async function presignCaStatus(
  parent: LoadedCa,
  key: KeyObject,
  childSerial: string,
  thisUpdate: Date,
  nextUpdate: Date
): Promise<PresignedOcsp> {
  const responses: Record<string, string> = {}
  for (const [alg, oid] of Object.entries(CERT_ID_HASH_OIDS)) {
    const raw = der.seq(
      der.seq(der.oid(oid), der.nul()),
      der.octetString(parent.nameHash[alg]),
      der.octetString(parent.keyHash[alg]),
      der.integerFromBytes(Buffer.from(childSerial, 'hex'))
    )
    const row: StatusRow = { serial: childSerial, status: 'good', revokedAt: null, reason: null }
    const signed = await signResponse(parent, key, [row], [{ raw }], null, thisUpdate, nextUpdate)
    responses[alg] = signed.toString('base64')
  }
  return {
    thisUpdate: thisUpdate.toISOString(),
    nextUpdate: nextUpdate.toISOString(),
    responses,
  }
}

async function presignedAnswer(
  ca: LoadedCa,
  request: ParsedRequest,
  now: Date
): Promise<OcspAnswer> {
  if (request.certIds.length !== 1)
    return { der: UNAUTHORIZED, status: 'unauthorized', cached: false }
  const [id] = request.certIds
  const row = await db
    .from('certificate_authorities')
    .where('parent_id', ca.id)
    .where('serial', id.serial)
    .select('presigned_ocsp')
    .first()
  if (!row?.presigned_ocsp) return { der: UNAUTHORIZED, status: 'unauthorized', cached: false }
  const presigned = JSON.parse(row.presigned_ocsp) as PresignedOcsp
  const response = presigned.responses[id.hashAlg]
  if (!response) return { der: UNAUTHORIZED, status: 'unauthorized', cached: false }
  const nextUpdate = new Date(presigned.nextUpdate)
  if (nextUpdate.getTime() <= now.getTime()) {
    logger.warn(
      `OCSP: the response the offline root pre-signed for CA ${id.serial} expired on ${presigned.nextUpdate}: run node ace ca:root-crl --key-file <file>`
    )
    return { der: TRY_LATER, status: 'tryLater', cached: false }
  }
  return {
    der: Buffer.from(response, 'base64'),
    status: 'successful',
    cached: true,
    thisUpdate: new Date(presigned.thisUpdate),
    nextUpdate,
    nonce: false,
  }
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

export interface OcspAnswer {
  der: Buffer
  status: OcspResponseStatus
  cached: boolean
  /** of a successful response: its thisUpdate and nextUpdate (HTTP caching, RFC 5019) */
  thisUpdate?: Date
  nextUpdate?: Date
  /** the request had a nonce (the answer is for this request only) */
  nonce?: boolean
}

/**
 * Answer a DER OCSPRequest with a DER OCSPResponse. Never throws: bad
 * input is `malformedRequest`, foreign CAs `unauthorized`, our own
 * failures `internalError`.
 */
export async function respond(requestDer: Buffer, now = new Date()): Promise<OcspAnswer> {
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
    if (ca.keyOffline) return await presignedAnswer(ca, request, now)
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
      const signed = await sign(ca, rows, request.certIds, request.nonceExtension, now)
      return { ...signed, status: 'successful', cached: false, nonce: true }
    }

    const key = `${ca.id}|${request.certIds.map((c, i) => c.raw.toString('base64') + '|' + statusKey(rows[i])).join('||')}`
    const hit = cache.get(key)
    if (hit && hit.freshUntil > now.getTime())
      return {
        der: hit.der,
        status: 'successful',
        cached: true,
        thisUpdate: hit.thisUpdate,
        nextUpdate: hit.nextUpdate,
        nonce: false,
      }
    const signed = await sign(ca, rows, request.certIds, null, now)
    remember(
      key,
      rows.map((r) => r.serial),
      {
        ...signed,
        freshUntil: now.getTime() + (issuanceConfig.ocsp.validitySeconds * 1000) / 2,
      }
    )
    return { ...signed, status: 'successful', cached: false, nonce: false }
  } catch (error) {
    logger.error({ err: error }, 'OCSP responder failed to answer a request')
    return { der: INTERNAL_ERROR, status: 'internalError', cached: false }
  }
}

const MALFORMED = errorResponse('malformedRequest')
const UNAUTHORIZED = errorResponse('unauthorized')
const INTERNAL_ERROR = errorResponse('internalError')
const TRY_LATER = errorResponse('tryLater')
