import env from '#start/env'
import { appUrl } from '#config/app'
import office from '#config/office'

/**
 * The in-process Certificate Authority (module "issuance").
 *
 * CA names, key sizes and validity apply when `node ace ca:init` creates
 * the hierarchy; later changes affect new CAs only.
 *
 * The PKI base URL (CRL distribution point, OCSP, CA issuers, CPS) is
 * read from the environment ONCE, by `node ace ca:init`, and stored with
 * the CA; every certificate then uses the stored one, whatever the
 * environment of the process that issues. Change it deliberately with
 * `node ace ca:set-pki-url <url>`. Production refuses a localhost or
 * loopback address.
 */
const initialPkiBaseUrl = (env.get('PKI_BASE_URL') || `${appUrl}/pki`).replace(/\/+$/, '')

/**
 * Our certificate policy arc. Profiles use <arc>.1 (personal), .2
 * (expert), .3 (enterprise). The default is the arc RFC 7229 sets aside
 * for test certificate policies (id-TEST 1.3.6.1.5.5.7.13: .1, .2, .3 are
 * id-TEST-certPolicyOne/Two/Three): a demo value with small arcs that
 * every library reads. Replace it with the office's registered arc
 * (e.g. under its enterprise number 1.3.6.1.4.1.<PEN>). Keep every arc
 * below 2^31 and the first two arcs in one byte (not 2.999…: NSS cannot
 * handle that form as a policy to match): GnuTLS could not parse the
 * former 2.25.<128-bit UUID> arc ("ASN1 parser: Error in DER parsing").
 */
const policyArc = '1.3.6.1.5.5.7.13'

const issuanceConfig = {
  /** only `ca:init` reads it (see above) */
  initialPkiBaseUrl,

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
    keyBits: 3072,
    validityYears: 10,
  },

  /**
   * A root kept offline (`ca:init --offline-root <file>`) pre-signs its CRL
   * and the OCSP responses about the CAs under it for this long; re-sign
   * with `ca:root-crl --key-file <file>` before they run out (ca:status
   * warns from `warnBeforeDays`).
   */
  offlineRoot: {
    validityDays: 365,
    warnBeforeDays: 30,
    /** PBKDF2-HMAC-SHA256 iterations of the encrypted key file */
    keyFileIterations: 600_000,
  },

  /**
   * What the subject's serialNumber attribute carries, per profile:
   *   hmac  "H1-" + 40 upper-case hex digits of HMAC-SHA256(office secret, ID number)
   *         (README: how a relying party that holds the number matches it)
   *   raw   the ID number itself
   *   none  no serialNumber attribute
   * A person's resident ID number is personal information (PIPL) and
   * travels with every signature: persons get the keyed hash. A unified
   * social credit code is public: organisations keep it readable.
   */
  subjectIdentity: {
    personal: 'hmac',
    expert: 'hmac',
    enterprise: 'raw',
  } as Record<'personal' | 'expert' | 'enterprise', 'hmac' | 'raw' | 'none'>,

  /** Keys CertDesk generates for cloud certificates */
  endEntityKeyBits: 2048,
  /** Weakest RSA key accepted in a CSR */
  minRsaBits: 2048,
  maxRsaBits: 8192,
  /** Longest term a caller may ask for */
  maxYears: 5,

  policyArc,

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
    /**
     * Iterations of PBKDF2-HMAC-SHA256 (key and certificate bags, PBES2
     * AES-256-CBC) and of the SHA-256 PKCS#12 MAC key derivation (OWASP's
     * figure for PBKDF2-HMAC-SHA256); lower in tests only.
     */
    iterations: env.get('NODE_ENV') === 'test' ? 10_000 : 600_000,
    /** the export password the holder chooses (the PIN opens the key, this protects the file) */
    minPasswordLength: 8,
    maxPasswordLength: 64,
  },
}

export default issuanceConfig
