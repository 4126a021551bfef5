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
  /**
   * PKI_BASE_URL, or APP_URL + /pki: only `ca:init` reads it (see above).
   * Certificates carry it in their CRL distribution point, OCSP and CA
   * issuers addresses, so it must be reachable by every relying party.
   */
  initialPkiBaseUrl,

  /** Written into every certificate's subject and the CA names: C=CN */
  country: 'CN',
  /** O= of the CA certificates: the office's name (OFFICE_NAME, config/office.ts) */
  caOrganization: office.name,

  /**
   * The root CA (`ca:init`; may be kept offline with --offline-root).
   */
  root: {
    /** CN of the root: the office's name + 根CA */
    commonName: `${office.name}根CA`,
    /**
     * RSA key size in bits: 3072 (about 128-bit strength, NIST SP 800-57),
     * enough for a key that must stay sound for its whole 20 years.
     */
    keyBits: 3072,
    /**
     * Years the root certificate is valid: 20, so that it outlives every
     * issuing CA under it (10 years) with room for their replacement.
     */
    validityYears: 20,
  },

  /**
   * The issuing CA that signs personal, expert and enterprise certificates.
   */
  issuing: {
    /** CN of the issuing CA */
    commonName: `${office.name}个人及机构证书签发CA`,
    /** RSA key size in bits: 3072, as the root (it signs for 10 years) */
    keyBits: 3072,
    /**
     * Years the issuing CA is valid: 10, twice the longest certificate term
     * (maxYears, 5), so that it can issue full-term certificates for five
     * years before a new issuing CA is needed.
     */
    validityYears: 10,
  },

  /**
   * A root kept offline (`ca:init --offline-root <file>`) pre-signs its CRL
   * and the OCSP responses about the CAs under it for this long; re-sign
   * with `ca:root-crl --key-file <file>` before they run out (ca:status
   * warns from `warnBeforeDays`).
   */
  offlineRoot: {
    /** days the pre-signed CRL and OCSP responses are valid: one year, one ceremony a year */
    validityDays: 365,
    /** days before their end from which ca:status warns: a month to plan the ceremony */
    warnBeforeDays: 30,
    /** PBKDF2-HMAC-SHA256 iterations of the encrypted key file (OWASP's figure) */
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
    /** 个人证书: the holder's resident ID number, keyed hash */
    personal: 'hmac',
    /** 专家证书 (a person too): keyed hash */
    expert: 'hmac',
    /** 机构证书: the unified social credit code, as is */
    enterprise: 'raw',
  } as Record<'personal' | 'expert' | 'enterprise', 'hmac' | 'raw' | 'none'>,

  /**
   * Keys CertDesk generates for cloud certificates, in bits: RSA 2048, the
   * size every client and USB key supports, acceptable (NIST) through 2030
   * for certificates of at most 5 years.
   */
  endEntityKeyBits: 2048,
  /** Weakest RSA key accepted in a CSR, in bits (weaker: refused with a message) */
  minRsaBits: 2048,
  /** Largest RSA key accepted in a CSR, in bits: beyond 8192 is a mistake or an attack on CPU */
  maxRsaBits: 8192,
  /** Longest term a caller may ask for when a certificate is issued, in years */
  maxYears: 5,

  /** The certificate policy arc (see policyArc above); profiles append .1, .2, .3 */
  policyArc,

  /**
   * Certificate revocation lists. A revocation or suspension publishes a
   * new CRL at once (#issuance/actions/certificate_status); the background
   * job keeps the CRL fresh when nothing happens.
   */
  crl: {
    /**
     * nextUpdate = thisUpdate + this, in hours: 7 days. Relying parties may
     * cache a CRL until then; a week tolerates a few days' outage of the
     * PKI address.
     */
    validityHours: 7 * 24,
    /**
     * The background job republishes when less than this is left, in
     * hours: 3 days (so a CRL is re-signed about every 4 days, and a failing
     * job leaves 3 days to notice).
     */
    refreshBeforeHours: 3 * 24,
  },

  /**
   * The OCSP responder (/pki/ocsp).
   */
  ocsp: {
    /**
     * nextUpdate of a response (and HTTP max-age for GET), in seconds: 10
     * minutes; responses are re-signed after half of it. A status change
     * is answered at once (the cache drops it); clients' caches may lag by
     * at most this.
     */
    validitySeconds: 600,
    /**
     * Signed responses kept in memory per process, a count (a status change
     * drops the certificate's entries at once); when full, the oldest tenth
     * is dropped.
     */
    cacheMaxEntries: 50_000,
  },

  /**
   * The PIN that opens a cloud certificate's key (the holder's, never stored).
   */
  pin: {
    /** wrong PINs in a row before a cloud key locks (until the holder applies for PIN 码解锁) */
    maxAttempts: 5,
    /** fewest characters in a PIN */
    minLength: 6,
    /** most characters in a PIN */
    maxLength: 16,
    /**
     * scrypt cost N of the PIN-derived key (a power of two): 2^15 (32 MiB,
     * a fraction of a second per try: a stolen database cannot be searched
     * for 6-digit PINs cheaply); 2^12 in tests, for speed.
     */
    scryptN: env.get('NODE_ENV') === 'test' ? 2 ** 12 : 2 ** 15,
  },

  /**
   * scrypt cost N of the key that protects the CA keys at rest (derived
   * from CA_PASSPHRASE; a power of two): 2^15, 2^12 in tests.
   */
  caKeyScryptN: env.get('NODE_ENV') === 'test' ? 2 ** 12 : 2 ** 15,

  /**
   * PKCS#12 (.pfx) files a holder downloads with a cloud certificate's key.
   */
  pkcs12: {
    /**
     * Iterations of PBKDF2-HMAC-SHA256 (key and certificate bags, PBES2
     * AES-256-CBC) and of the SHA-256 PKCS#12 MAC key derivation (OWASP's
     * figure for PBKDF2-HMAC-SHA256); lower in tests only.
     */
    iterations: env.get('NODE_ENV') === 'test' ? 10_000 : 600_000,
    /**
     * fewest characters of the export password the holder chooses (the PIN opens the key, this
     * protects the file)
     */
    minPasswordLength: 8,
    /** most characters of the export password */
    maxPasswordLength: 64,
  },
}

export default issuanceConfig
