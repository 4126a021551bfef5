import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, syncDestination, targets } from '@adonisjs/core/logger'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: env.get('APP_NAME', 'certdesk'),
      level: env.get('LOG_LEVEL', 'info'),
      destination: !app.inProduction ? await syncDestination() : undefined,
      redact: {
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
        censor: '[已隐藏]',
      },
      transport: {
        targets: [targets.file({ destination: 1 })],
      },
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
