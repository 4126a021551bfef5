import env from '#start/env'
import { defineConfig, transports } from '@adonisjs/mail'
import officeConfig from '#config/office'
import { OutboxTransport } from '#core/mail/outbox_transport'
import type { InferMailers } from '@adonisjs/mail/types'

/**
 * Mail (@adonisjs/mail): `outbox` keeps messages in the database for staff
 * (the sandbox, 邮件发件箱 in the back office); `smtp` sends them
 * (production).
 */
const mailConfig = defineConfig({
  default: env.get('MAIL_DRIVER', 'outbox'),
  from: { address: env.get('MAIL_FROM', 'invoice@example.cn'), name: officeConfig.name },
  mailers: {
    outbox: () => new OutboxTransport(),
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', 'localhost'),
      port: env.get('SMTP_PORT', 587),
      auth: env.get('SMTP_USERNAME')
        ? {
            type: 'login',
            user: env.get('SMTP_USERNAME', ''),
            pass: env.get('SMTP_PASSWORD', ''),
          }
        : undefined,
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
