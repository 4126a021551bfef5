import env from '#start/env'
import { defineConfig, stores } from '@adonisjs/limiter'

/**
 * Rate limiting (#core/rate_limit): SMS codes, logins, real-name checks.
 * The limits themselves live with their modules (config/sms.ts,
 * config/realname.ts, the accounts module); this file only says where the
 * counters are kept.
 */
const limiterConfig = defineConfig({
  /**
   * The store used when none is named: LIMITER_STORE, "database" (default)
   * or "memory" (.env.test: the test suite).
   */
  default: env.get('LIMITER_STORE', 'database'),

  /**
   * List of available stores.
   */
  stores: {
    /**
     * Database store: rate limits survive restarts and are shared by every
     * HTTP worker and every instance on the same database, so that a
     * client cannot get a fresh allowance by reaching another process.
     */
    database: stores.database({
      /** table created by migration 0103_core_create_sms_tables */
      tableName: 'rate_limits',
    }),

    /**
     * Memory store: counters in the process only, lost on restart. For
     * the tests (LIMITER_STORE=memory in .env.test), never for production
     * (every worker would count on its own).
     */
    memory: stores.memory({}),
  },
})

export default limiterConfig

/**
 * Inferring types for the configured stores.
 */
declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
