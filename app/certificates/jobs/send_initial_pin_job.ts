import { exponentialBackoff } from '@adonisjs/queue'
import { Job } from '#core/queue/jobs'
import type { InitialPinPayload } from '#certificates/actions/initial_pin'

/**
 * 发送单位证书初始 PIN 码: enqueued in the transaction that issues an
 * org's cloud certificate (新办 or 补办's new keys); sends the SMS to the
 * legal representative once (#certificates/actions/initial_pin).
 */
export default class SendInitialPinJob extends Job<InitialPinPayload> {
  static options = {
    name: 'certificates.send_initial_pin',
    maxRetries: 8,
    retry: { backoff: exponentialBackoff({ baseDelay: '10s', maxDelay: '30m' }) },
  }
  static label = '发送单位证书初始 PIN 码'

  async execute() {
    const { sendInitialPin } = await import('#certificates/actions/initial_pin')
    await sendInitialPin(this.payload)
  }
}
