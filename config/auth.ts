import { defineConfig } from '@adonisjs/auth'
import { sessionGuard, sessionUserProvider } from '@adonisjs/auth/session'
import type { InferAuthenticators, InferAuthEvents, Authenticators } from '@adonisjs/auth/types'

/**
 * Authentication configuration. Two session guards: "web" for applicants
 * (users table, accounts module) and "admin" for the office's staff (staff
 * table, admin module). A browser may be signed in to both at once; each
 * guard keeps its own key in the session (config/session.ts sessionOwners).
 * Nothing here is set through env.
 */
const authConfig = defineConfig({
  /**
   * The guard used when none is named (auth.user, the `auth` middleware):
   * the applicants' guard. Back-office code names "admin" explicitly.
   */
  default: 'web',

  /**
   * List of authentication guards.
   */
  guards: {
    /**
     * Applicants: session login with phone + password or an SMS code.
     */
    web: sessionGuard({
      /**
       * No "remember me" tokens: an applicant's session ends after the idle
       * and absolute lifetimes of config/session.ts, and 设备下线 must be
       * able to end it for good; a long-lived token would outlive both.
       */
      useRememberMeTokens: false,

      /**
       * Users are loaded from the accounts module's User model.
       */
      provider: sessionUserProvider({
        /** the model whose id the session stores (lazy import) */
        model: () => import('#accounts/models/user'),
      }),
    }),

    /**
     * Office staff (reviewers, operators, finance, administrators): session login.
     */
    admin: sessionGuard({
      /**
       * No "remember me" tokens: a staff session must end with its working
       * day (12 h) and at once when the account is deactivated or its
       * password reset.
       */
      useRememberMeTokens: false,

      /**
       * Staff are loaded from the admin module's Staff model.
       */
      provider: sessionUserProvider({
        /** the model whose id the session stores (lazy import) */
        model: () => import('#admin/models/staff'),
      }),
    }),
  },
})

export default authConfig

/**
 * Inferring types from the configured auth guards.
 */
declare module '@adonisjs/auth/types' {
  export interface Authenticators extends InferAuthenticators<typeof authConfig> {}
}
declare module '@adonisjs/core/types' {
  interface EventsList extends InferAuthEvents<Authenticators> {}
}
