import env from '#start/env'
import { appUrl } from '#config/app'

/**
 * Real-name verification (实名认证, #accounts/realname). Each automatic
 * method has its provider adapter: `sandbox` (deterministic, offline,
 * labelled 沙箱 on the page and in the sandbox banner) or `http` (a real
 * provider, signed JSON as in #core/signed_json). Other documents go to
 * manual staff review.
 *
 * httpProvider(): one real provider's settings, from <prefix>_URL,
 * <prefix>_APP_ID and <prefix>_SECRET (prefix REALNAME_HTTP,
 * REALNAME_FACE_HTTP, REALNAME_BANK_CARD_HTTP or REALNAME_OPERATOR_HTTP).
 */
function httpProvider(prefix: string) {
  return {
    /** the provider's endpoint (POST, signed JSON) (<prefix>_URL) */
    url: env.get(`${prefix}_URL` as 'REALNAME_HTTP_URL', ''),
    /** our app id at the provider, sent as X-App-Id (<prefix>_APP_ID) */
    appId: env.get(`${prefix}_APP_ID` as 'REALNAME_HTTP_APP_ID', ''),
    /** the shared HMAC secret, signs our requests and its callbacks (<prefix>_SECRET) */
    secret: env.get(`${prefix}_SECRET` as 'REALNAME_HTTP_SECRET', ''),
    /**
     * how long we wait for an answer before calling the provider unavailable, in milliseconds (8 s)
     */
    timeoutMs: 8000,
  }
}

const realNameConfig = {
  /** 身份证核验 (name + resident ID number): sandbox | http (REALNAME_DRIVER, default sandbox) */
  driver: env.get('REALNAME_DRIVER', 'sandbox'),
  /** its real provider (REALNAME_HTTP_*): answers { result: match | mismatch | not_found } */
  http: httpProvider('REALNAME_HTTP'),

  /** 人脸识别: the provider's H5 page opened on the phone, the result by a signed callback */
  face: {
    /**
     * sandbox (a simulated H5 page inside CertDesk) | http (a real liveness
     * provider) (REALNAME_FACE_DRIVER, default sandbox)
     */
    driver: env.get('REALNAME_FACE_DRIVER', 'sandbox'),
    /**
     * the real provider (REALNAME_FACE_HTTP_*): starts a session, returns { bizToken, h5Url },
     * calls back
     */
    http: httpProvider('REALNAME_FACE_HTTP'),
    /** the public base URL the provider calls back and returns the phone to (APP_URL) */
    publicBaseUrl: appUrl.replace(/\/+$/, ''),
    /**
     * how long the QR code / link of one session may be used, in minutes (time to find the phone
     * and face it)
     */
    ttlMinutes: 10,
    /**
     * a result arriving this long after the session's end is still taken, in seconds (slow mobile
     * networks)
     */
    callbackGraceSeconds: 120,
    /**
     * a callback whose X-Timestamp is further than this from our clock is refused, in seconds
     * (replays)
     */
    maxClockSkewSeconds: 300,
    /** the waiting page reloads itself every N seconds (no JavaScript) */
    refreshSeconds: 5,
  },

  /** 银行卡四要素 (name, ID number, card number, reserved phone + SMS code) */
  bankCard: {
    /** sandbox | http (REALNAME_BANK_CARD_DRIVER, default sandbox) */
    driver: env.get('REALNAME_BANK_CARD_DRIVER', 'sandbox'),
    /**
     * the real provider (REALNAME_BANK_CARD_HTTP_*): answers { result: match | mismatch | not_found
     * }
     */
    http: httpProvider('REALNAME_BANK_CARD_HTTP'),
  },

  /** 运营商三要素 (name, ID number, phone + SMS code) */
  operator: {
    /** sandbox | http (REALNAME_OPERATOR_DRIVER, default sandbox) */
    driver: env.get('REALNAME_OPERATOR_DRIVER', 'sandbox'),
    /**
     * the real provider (REALNAME_OPERATOR_HTTP_*): answers { result: match | mismatch | not_found
     * }
     */
    http: httpProvider('REALNAME_OPERATOR_HTTP'),
  },

  /**
   * Attempts of the automatic methods (each is billed by the provider):
   * per account and method, and per client IP over all methods. A wrong
   * SMS code is refused before and does not count.
   */
  limits: {
    /** per account, per method */
    perAccount: { requests: 5, duration: '1 day' },
    /** per client IP, all methods and accounts */
    perIp: { requests: 30, duration: '1 hour' },
  },

  /**
   * ID photos for manual review: types (checked by content) and size window
   * in bytes, 10 KiB to 5 MiB (smaller is too blurred to read, a phone photo
   * fits under 5 MiB)
   */
  photo: { types: ['jpg', 'png'] as const, minSize: 10 * 1024, maxSize: 5 * 1024 * 1024 },
}

export default realNameConfig
