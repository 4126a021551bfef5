import { createHash, createHmac, hash, randomBytes, type KeyObject } from 'node:crypto'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import * as der from '#issuance/services/der'
import { OID } from '#issuance/services/oids'
import { encryptedPrivateKeyInfo, pbes2Encrypt } from '#issuance/services/pbes2'

/**
 * A PKCS#12 file (RFC 7292) encoded with our DER builder, the way
 * OpenSSL 3 makes one by default but stronger:
 *
 *   PFX v3
 *     authSafe (data) = AuthenticatedSafe
 *       encryptedData  (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC) → certificate bags
 *       data                                                    → shrouded key bag
 *                      (EncryptedPrivateKeyInfo, the same PBES2)
 *     macData: HMAC-SHA256, key from the PKCS#12 KDF with SHA-256
 *
 * node-forge, which made these files before, fixes the MAC to SHA-1.
 * `openssl pkcs12 -info` shows "MAC: sha256" and "PBES2, PBKDF2,
 * AES-256-CBC, … PRF hmacWithSHA256"; GnuTLS (certtool --p12-info) and
 * NSS (pk12util -l) read it too.
 */

const SHA256_ALGORITHM = der.seq(der.oid(OID.sha256), der.nul())

/**
 * BMPString of the password with a two-byte NUL terminator (RFC 7292
 * appendix B.1), what the PKCS#12 KDF takes.
 */
function bmpPassword(password: string): Buffer {
  const out = Buffer.alloc((password.length + 1) * 2)
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2)
  return out
}

/**
 * RFC 7292 appendix B.2 with SHA-256 (u = 32, v = 64), id 3 (MAC key).
 * The iterated hash runs in JavaScript (node:crypto has no primitive for
 * it): it gives the event loop back every few thousand rounds.
 */
export async function pkcs12Kdf(
  password: string,
  salt: Buffer,
  iterations: number,
  id: number,
  length: number
): Promise<Buffer> {
  const u = 32
  const v = 64
  const fill = (input: Buffer) => {
    if (input.length === 0) return Buffer.alloc(0)
    const size = v * Math.ceil(input.length / v)
    const out = Buffer.alloc(size)
    for (let i = 0; i < size; i++) out[i] = input[i % input.length]
    return out
  }
  const D = Buffer.alloc(v, id)
  const I = Buffer.concat([fill(salt), fill(bmpPassword(password))])
  const blocks: Buffer[] = []
  for (let produced = 0; produced < length; produced += u) {
    let A = createHash('sha256').update(D).update(I).digest()
    for (let r = 1; r < iterations; r++) {
      A = hash('sha256', A, 'buffer')
      if (r % 20_000 === 0) await yieldToLoop()
    }
    blocks.push(A)
    if (produced + u >= length) break
    // I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of I
    const B = fill(A)
    for (let j = 0; j < I.length; j += v) {
      let carry = 1
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k] + B[k] + carry
        I[j + k] = sum & 0xff
        carry = sum >> 8
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length)
}

function bagAttributes(friendlyName: string | null, localKeyId: Buffer) {
  const attrs = [der.seq(der.oid(OID.localKeyId), der.setOf(der.octetString(localKeyId)))]
  if (friendlyName) {
    const bmp = Buffer.alloc(friendlyName.length * 2)
    for (let i = 0; i < friendlyName.length; i++)
      bmp.writeUInt16BE(friendlyName.charCodeAt(i), i * 2)
    attrs.push(der.seq(der.oid(OID.friendlyName), der.setOf(der.tlv(0x1e, bmp))))
  }
  return der.setOf(...attrs)
}

function certBag(certificate: Buffer, attributes: Buffer | null) {
  return der.seq(
    der.oid(OID.certBag),
    der.explicit(
      0,
      der.seq(der.oid(OID.x509Certificate), der.explicit(0, der.octetString(certificate)))
    ),
    attributes
  )
}

export interface Pkcs12Options {
  key: KeyObject
  certificate: Buffer
  chain: Buffer[]
  password: string
  friendlyName: string
  iterations: number
}

export async function buildPkcs12(options: Pkcs12Options): Promise<Buffer> {
  const { iterations, password } = options
  const localKeyId = createHash('sha1').update(options.certificate).digest()
  const attributes = bagAttributes(options.friendlyName, localKeyId)

  // certificates: the holder's (with the key's attributes), then the chain
  const certContents = der.seq(
    certBag(options.certificate, attributes),
    ...options.chain.map((c) => certBag(c, null))
  )
  const certsEncrypted = await pbes2Encrypt(certContents, password, iterations)
  const encryptedData = der.seq(
    der.oid(OID.encryptedData),
    der.explicit(
      0,
      der.seq(
        der.integer(0),
        der.seq(
          der.oid(OID.data),
          certsEncrypted.algorithm,
          der.implicit(0, certsEncrypted.ciphertext)
        )
      )
    )
  )

  const keyBag = der.seq(
    der.oid(OID.pkcs8ShroudedKeyBag),
    der.explicit(0, await encryptedPrivateKeyInfo(options.key, password, iterations)),
    attributes
  )
  const keyData = der.seq(der.oid(OID.data), der.explicit(0, der.octetString(der.seq(keyBag))))

  const authenticatedSafe = der.seq(encryptedData, keyData)
  const macSalt = randomBytes(16)
  const macKey = await pkcs12Kdf(password, macSalt, iterations, 3, 32)
  const mac = createHmac('sha256', macKey).update(authenticatedSafe).digest()

  return der.seq(
    der.integer(3),
    der.seq(der.oid(OID.data), der.explicit(0, der.octetString(authenticatedSafe))),
    der.seq(
      der.seq(SHA256_ALGORITHM, der.octetString(mac)),
      der.octetString(macSalt),
      der.integer(iterations)
    )
  )
}
