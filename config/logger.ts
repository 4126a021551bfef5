import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, syncDestination, targets } from '@adonisjs/core/logger'

/**
 * Logger configuration: the technical log (JSON lines on stdout). What
 * staff and applicants did is recorded separately, in the audit log
 * (app/core/audit), not here.
 */
const loggerConfig = defineConfig({
  /**
   * The logger used when none is named.
   */
  default: 'app',

  /**
   * The loggers; one, named "app".
   */
  loggers: {
    /**
     * Application logger configuration.
     */
    app: {
      /**
       * Enable or disable this logger.
       */
      enabled: true,

      /**
       * Name in every log entry (APP_NAME, default certdesk): tells
       * CertDesk's lines apart where several services log to one place.
       */
      name: env.get('APP_NAME', 'certdesk'),

      /**
       * Lowest level recorded (LOG_LEVEL): trace, debug, info, warn, error,
       * fatal. Default info; .env.test says error to keep test output quiet.
       */
      level: env.get('LOG_LEVEL', 'info'),

      /**
       * Outside production: a synchronous, human-readable (pretty, coloured
       * when the terminal allows) stream on stdout, so that lines appear at
       * once and in order while developing. In production: undefined, and
       * the transport below is used.
       */
      destination: !app.inProduction ? await syncDestination() : undefined,

      /**
       * Values replaced before a line is written, so that secrets never
       * reach a log file or a log collector.
       */
      redact: {
        /**
         * Keys censored at the top level and one level down: passwords,
         * cloud-certificate PINs, private keys and SMS verification codes.
         */
        paths: [
          'password',
          '*.password',
          'pin',
          '*.pin',
          'privateKey',
          '*.privateKey',
          'code',
          '*.code',
        ],

        /**
         * What is written instead of a censored value.
         */
        censor: '[已隐藏]',
      },

      /**
       * Production output: JSON lines, written by a worker thread so that
       * logging never blocks a request.
       */
      transport: {
        /**
         * Where the lines go: destination 1 = stdout (the service manager
         * or container runtime collects and rotates them).
         */
        targets: [targets.file({ destination: 1 })],
      },
    },
  },
})

export default loggerConfig

/**
 * Inferring types for the list of loggers you have configured
 * in your application.
 */
declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
