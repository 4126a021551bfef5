import type { KeyObject } from 'node:crypto'
import forge from 'node-forge'
import issuanceConfig from '#config/issuance'

/**
 * A PKCS#12 file (node-forge): the private key (PBES2, AES-256, PBKDF2)
 * and the certificate with its chain, under one password, with a MAC,
 * readable by OpenSSL 3 without the legacy provider.
 */
export function buildPkcs12(options: {
  key: KeyObject
  certificate: Buffer
  chain: Buffer[]
  password: string
  friendlyName: string
}): Buffer {
  const forgeKey = forge.pki.privateKeyFromPem(
    options.key.export({ type: 'pkcs1', format: 'pem' }).toString()
  )
  const certs = [options.certificate, ...options.chain].map((derBytes) =>
    forge.pki.certificateFromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(derBytes.toString('binary')))
    )
  )
  const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, certs, options.password, {
    algorithm: 'aes256',
    count: issuanceConfig.pkcs12.iterations,
    saltSize: 16,
    friendlyName: options.friendlyName,
    generateLocalKeyId: true,
  } as any)
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary')
}
