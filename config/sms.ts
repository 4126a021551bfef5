import env from '#start/env'
import officeConfig from '#config/office'

/**
 * SMS gateway and verification-code rules.
 */
const smsConfig = {
  driver: env.get('SMS_DRIVER', 'outbox') as 'outbox' | 'http',
  /** the 【签名】 of every SMS: the office's short name unless the provider approved another */
  signName: env.get('SMS_SIGN_NAME') || officeConfig.shortName,
  http: {
    url: env.get('SMS_HTTP_URL', ''),
    appId: env.get('SMS_HTTP_APP_ID', ''),
    secret: env.get('SMS_HTTP_SECRET', ''),
    timeoutMs: 8000,
  },
  codes: {
    length: 6,
    ttlSeconds: 5 * 60,
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
