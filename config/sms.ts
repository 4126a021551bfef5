import env from '#start/env'
import officeConfig from '#config/office'

/**
 * SMS gateway and verification-code rules.
 */
const smsConfig = {
  /**
   * The gateway (SMS_DRIVER): "outbox" (default, 沙箱: messages are kept in
   * the database for staff to read in the back office's 短信发件箱, nothing is
   * sent) or "http" (a real provider, below).
   */
  driver: env.get('SMS_DRIVER', 'outbox') as 'outbox' | 'http',
  /**
   * the 【签名】 of every SMS: the office's short name unless the provider approved another
   * (SMS_SIGN_NAME)
   */
  signName: env.get('SMS_SIGN_NAME') || officeConfig.shortName,
  /**
   * The real provider (SMS_DRIVER=http): signed JSON as in #core/signed_json,
   * body { phone, sign, content }.
   */
  http: {
    /** the provider's send endpoint, POST (SMS_HTTP_URL) */
    url: env.get('SMS_HTTP_URL', ''),
    /** our app id at the provider, sent as X-App-Id (SMS_HTTP_APP_ID) */
    appId: env.get('SMS_HTTP_APP_ID', ''),
    /** the shared HMAC secret that signs our requests (SMS_HTTP_SECRET) */
    secret: env.get('SMS_HTTP_SECRET', ''),
    /**
     * How long we wait for the provider, in milliseconds (8 s): then the
     * send counts as failed (短信网关连接失败) instead of holding the page.
     */
    timeoutMs: 8000,
  },
  /**
   * Verification codes (login, registration, phone change, password reset,
   * real-name checks).
   */
  codes: {
    /**
     * Digits in a code: 6, what applicants expect from every Chinese
     * service (verify() and the forms also say 6: change them together).
     */
    length: 6,
    /** how long a code may be used, in seconds: 5 minutes (the SMS says so) */
    ttlSeconds: 5 * 60,
    /**
     * Wrong entries before a code is spent and a new one must be asked
     * for: 5, so that guessing one of a million codes is hopeless.
     */
    maxAttempts: 5,
    /** one code per phone and purpose per 60 s */
    perPhoneCooldown: { requests: 1, duration: '60 sec' },
    /** daily cap per phone, all purposes */
    perPhoneDaily: { requests: 10, duration: '1 day' },
    /** per client IP */
    perIpHourly: { requests: 30, duration: '1 hour' },
  },
}

export default smsConfig
