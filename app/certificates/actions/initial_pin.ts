import encryption from '@adonisjs/core/services/encryption'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import sms, { registerSmsPurposes } from '#core/sms/sms_service'
import { smsAlreadySent } from '#core/sms/queries'
import { dispatchJob } from '#core/queue/jobs'
import { withLock } from '#core/locks'

/**
 * The initial PIN of an org's cloud certificate (新办, and the new keys of
 * a 补办): by SMS to the org's legal representative (002 §1.1), durably —
 * a job enqueued in the issuance transaction (it exists if and only if the
 * certificate does) sends it, so a process dying between the commit and
 * the SMS loses nothing. The PIN rides in the job encrypted; the SMS
 * outbox keeps it masked for real deliveries. Sent once per order: the
 * job looks for the sent SMS (it names the order) before sending.
 */
export const INITIAL_PIN_PURPOSE = 'certificates.initial_pin'
registerSmsPurposes({ [INITIAL_PIN_PURPOSE]: '单位证书初始 PIN 码' })

const PIN_PURPOSE = 'certificates.initial_pin.job'

export interface InitialPinPayload {
  orderNo: string
  phone: string
  name: string | null
  holderName: string
  productName: string
  /** the PIN, encrypted with the app key */
  pin: string
}

export async function enqueueInitialPin(
  trx: TransactionClientContract,
  facts: Omit<InitialPinPayload, 'pin'>,
  pin: string
) {
  const { default: SendInitialPinJob } = await import('#certificates/jobs/send_initial_pin_job')
  await dispatchJob(
    SendInitialPinJob,
    { ...facts, pin: encryption.encrypt(pin, undefined, PIN_PURPOSE) },
    { trx, dedupKey: `initial-pin:${facts.orderNo}` }
  )
}

function text(payload: InitialPinPayload, shown: string) {
  return `${payload.name ?? ''}您好：${payload.holderName}的${payload.productName}已签发（订单号 ${payload.orderNo}），证书初始 PIN 码为 ${shown}，请妥善保管，仅告知贵单位授权的经办人，并在首次使用后修改。`
}

/** the job's work: the SMS, unless an earlier attempt sent it */
export async function sendInitialPin(payload: InitialPinPayload) {
  await withLock(`initial-pin:${payload.orderNo}`, async () => {
    if (await smsAlreadySent(payload.phone, INITIAL_PIN_PURPOSE, payload.orderNo)) return
    const pin = encryption.decrypt<string>(payload.pin, PIN_PURPOSE)
    if (!pin) throw new Error('initial PIN cannot be decrypted')
    /* a failed SMS throws: the job retries with backoff */
    await sms.send(payload.phone, text(payload, pin), INITIAL_PIN_PURPOSE, {
      logContent: text(payload, '******'),
    })
  })
}
