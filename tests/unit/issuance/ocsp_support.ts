import { createHash, randomBytes } from 'node:crypto'
import * as der from '#issuance/services/der'
import { OID } from '#issuance/services/oids'
import type { LoadedCa } from '#issuance/services/ca_registry'

/**
 * An OCSPRequest for one serial of a CA (SHA-1 CertID, like openssl);
 * `nonce`: none, a random 16-octet one, or these octets.
 */
export function buildOcspRequest(ca: LoadedCa, serialHex: string, nonce: boolean | Buffer): Buffer {
  const certId = der.seq(
    der.seq(der.oid(OID.sha1), der.nul()),
    der.octetString(createHash('sha1').update(ca.subjectName).digest()),
    der.octetString(ca.keyHash.sha1),
    der.integerFromBytes(Buffer.from(serialHex, 'hex'))
  )
  const value = Buffer.isBuffer(nonce) ? nonce : randomBytes(16)
  const exts = nonce
    ? der.explicit(
        2,
        der.seq(der.seq(der.oid(OID.ocspNonce), der.octetString(der.octetString(value))))
      )
    : null
  return der.seq(der.seq(der.seq(der.seq(certId)), exts))
}
