import { defineJob } from '#core/queue/jobs'
import type { InitialPinPayload } from '#certificates/actions/initial_pin'

/**
 * 发送单位证书初始 PIN 码: enqueued in the transaction that issues an
 * org's cloud certificate (新办 or 补办's new keys); sends the SMS to the
 * legal representative once (#certificates/actions/initial_pin).
 */
export default defineJob<InitialPinPayload>({
  name: 'certificates.send_initial_pin',
  label: '发送单位证书初始 PIN 码',
  run: (payload) =>
    import('#certificates/actions/initial_pin').then((m) => m.sendInitialPin(payload)),
})
