import env from '#start/env'
import { appUrl } from '#config/app'
import office from '#config/office'

/**
 * The in-process Certificate Authority (module "issuance").
 *
 * CA names, key sizes and validity apply when `node ace ca:init` creates
 * the hierarchy; later changes affect new CAs only. URLs are written into
 * every certificate (CRL distribution point, OCSP, CA issuers), so set
 * PKI_BASE_URL to the public address before issuing real certificates.
 */
const pkiBaseUrl = (env.get('PKI_BASE_URL') || `${appUrl}/pki`).replace(/\/+$/, '')

/**
 * Our own certificate policy arc: an X.667 UUID OID (2.25.<uuid>), which
 * needs no registration. Profiles use <arc>.1 (personal), .2 (expert),
 * .3 (enterprise). Replace it with the office's registered OID if it has one.
 */
const policyArc = '2.25.296455176709607570326034329237710889046'

const issuanceConfig = {
  pkiBaseUrl,

  /** Written into every certificate's subject and the CA names */
  country: 'CN',
  caOrganization: office.name,

  root: {
    commonName: `${office.name}根CA`,
    keyBits: 3072,
    validityYears: 20,
  },
  issuing: {
    commonName: `${office.name}个人及机构证书签发CA`,
    keyBits: 2048,
    validityYears: 10,
  },

  /** Keys CertDesk generates for cloud certificates */
  endEntityKeyBits: 2048,
  /** Weakest RSA key accepted in a CSR */
  minRsaBits: 2048,
  maxRsaBits: 8192,
  /** Longest term a caller may ask for */
  maxYears: 5,

  policyArc,
  cpsUrl: pkiBaseUrl,

  crl: {
    /** nextUpdate = thisUpdate + this */
    validityHours: 7 * 24,
    /** the background job republishes when less than this is left */
    refreshBeforeHours: 3 * 24,
  },

  ocsp: {
    /** nextUpdate of a response (and HTTP max-age for GET); responses are re-signed after half of it */
    validitySeconds: 600,
    /** signed responses kept in memory (a status change drops the certificate's entries at once) */
    cacheMaxEntries: 50_000,
  },

  pin: {
    /** wrong PINs before a cloud key locks (until 解锁) */
    maxAttempts: 5,
    minLength: 6,
    maxLength: 16,
    /** scrypt cost of the PIN-derived key (N must be a power of two) */
    scryptN: env.get('NODE_ENV') === 'test' ? 2 ** 12 : 2 ** 15,
  },

  /** scrypt cost of the key that protects the CA keys at rest */
  caKeyScryptN: env.get('NODE_ENV') === 'test' ? 2 ** 12 : 2 ** 15,

  pkcs12: {
    /** PBKDF2 iterations for the key bag and the MAC */
    iterations: 10_000,
  },
}

export default issuanceConfig
