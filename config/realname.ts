import env from '#start/env'

/**
 * Real-name verification (实名认证): name + resident ID number checked by
 * a provider adapter; other document types go to manual staff review.
 */
const realNameConfig = {
  /** sandbox (deterministic, offline) | http (a real identity provider) */
  driver: env.get('REALNAME_DRIVER', 'sandbox'),
  http: {
    url: env.get('REALNAME_HTTP_URL', ''),
    appId: env.get('REALNAME_HTTP_APP_ID', ''),
    secret: env.get('REALNAME_HTTP_SECRET', ''),
    timeoutMs: 8000,
  },
  /** online checks per user per day */
  dailyAttempts: 5,
  /** ID photos for manual review */
  photo: { types: ['jpg', 'png'] as const, minSize: 10 * 1024, maxSize: 5 * 1024 * 1024 },
}

export default realNameConfig
