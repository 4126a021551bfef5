import { createCipheriv, pbkdf2 as pbkdf2Cb, randomBytes, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import * as der from '#issuance/services/der'
import { OID } from '#issuance/services/oids'
import { toPem } from '#issuance/services/x509'

const pbkdf2 = promisify(pbkdf2Cb)

/**
 * PBES2 (RFC 8018) with PBKDF2-HMAC-SHA256 and AES-256-CBC, encoded with
 * our DER builder: the key bags and certificate bags of PKCS#12 files and
 * the offline root's key file. node-forge can only make a SHA-1 MAC and
 * node:crypto's own export uses 2,048 PBKDF2 iterations; this sets both.
 */

export interface Pbes2Result {
  /** AlgorithmIdentifier { pbes2, PBES2-params } */
  algorithm: Buffer
  ciphertext: Buffer
}

/**
 * The password as PBES2 takes it: its UTF-8 bytes (what OpenSSL, NSS and
 * GnuTLS use).
 */
export async function pbes2Encrypt(
  plaintext: Buffer,
  password: string,
  iterations: number
): Promise<Pbes2Result> {
  const salt = randomBytes(16)
  const iv = randomBytes(16)
  const key = await pbkdf2(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256')
  const cipher = createCipheriv('aes-256-cbc', key, iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  const algorithm = der.seq(
    der.oid(OID.pbes2),
    der.seq(
      der.seq(
        der.oid(OID.pbkdf2),
        der.seq(
          der.octetString(salt),
          der.integer(iterations),
          der.seq(der.oid(OID.hmacWithSHA256), der.nul())
        )
      ),
      der.seq(der.oid(OID.aes256Cbc), der.octetString(iv))
    )
  )
  return { algorithm, ciphertext }
}

/**
 * EncryptedPrivateKeyInfo (RFC 5958) of a private key.
 */
export async function encryptedPrivateKeyInfo(
  key: KeyObject,
  password: string,
  iterations: number
): Promise<Buffer> {
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' }) as Buffer
  const { algorithm, ciphertext } = await pbes2Encrypt(pkcs8, password, iterations)
  return der.seq(algorithm, der.octetString(ciphertext))
}

/**
 * "-----BEGIN ENCRYPTED PRIVATE KEY-----": opens with
 * `openssl pkey -in <file>` and node:crypto's createPrivateKey({ key, passphrase }).
 */
export async function encryptedPrivateKeyPem(
  key: KeyObject,
  password: string,
  iterations: number
): Promise<string> {
  return toPem(await encryptedPrivateKeyInfo(key, password, iterations), 'ENCRYPTED PRIVATE KEY')
}
