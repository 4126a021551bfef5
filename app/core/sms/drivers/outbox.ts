import type { SmsDriver } from './contract.js'

/**
 * Development and test driver: nothing leaves the machine. The message is
 * kept in sms_messages (by SmsService) and shown on the back office's
 * 短信发件箱 page.
 */
export class OutboxSmsDriver implements SmsDriver {
  readonly name = 'outbox'
  readonly sandbox = true

  async send() {
    return { providerMessageId: null }
  }
}
