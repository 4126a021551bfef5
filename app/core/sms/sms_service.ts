import smsConfig from '#config/sms'
import logger from '@adonisjs/core/services/logger'
import SmsMessage from './sms_message.js'
import type { SmsDriver } from './drivers/contract.js'
import { SmsDeliveryError } from './drivers/contract.js'
import { OutboxSmsDriver } from './drivers/outbox.js'
import { HttpSmsDriver } from './drivers/http.js'
import { registerSandboxProbe } from '#core/sandbox'

export { SmsDeliveryError }

/**
 * Chinese labels of SMS purposes (the third argument of `sms.send`), shown
 * in the back office's 短信发件箱. Verification codes ("code:<purpose>")
 * are labelled from CODE_PURPOSES; every other purpose registers here.
 */
const purposeLabels: Record<string, string> = {}

export function registerSmsPurposes(labels: Record<string, string>) {
  Object.assign(purposeLabels, labels)
}

export function smsPurposeLabel(purpose: string): string {
  return purposeLabels[purpose] ?? '其他通知'
}

export function makeSmsDriver(name = smsConfig.driver): SmsDriver {
  if (name === 'http') {
    return new HttpSmsDriver({ ...smsConfig.http, signName: smsConfig.signName })
  }
  return new OutboxSmsDriver()
}

export class SmsService {
  constructor(public driver: SmsDriver = makeSmsDriver()) {}

  get sandbox() {
    return this.driver.sandbox
  }

  /**
   * Send one SMS and keep a record of it. `logContent` replaces the text
   * stored for real deliveries (e.g. with the code masked).
   */
  async send(
    phone: string,
    content: string,
    purpose: string,
    options: { logContent?: string } = {}
  ) {
    const text = `【${smsConfig.signName}】${content}`
    const record = new SmsMessage()
    record.phone = phone
    record.purpose = purpose
    record.driver = this.driver.name
    record.content = this.driver.sandbox
      ? text
      : `【${smsConfig.signName}】${options.logContent ?? content}`
    try {
      const result = await this.driver.send(phone, text)
      record.status = 'sent'
      record.providerMessageId = result.providerMessageId ?? null
      record.error = null
      await record.save()
      return record
    } catch (error) {
      record.status = 'failed'
      record.error = (error as Error).message.slice(0, 500)
      await record.save()
      logger.warn({ phone, purpose, err: record.error }, 'sms delivery failed')
      throw error instanceof SmsDeliveryError ? error : new SmsDeliveryError(record.error!)
    }
  }
}

const sms = new SmsService()
export default sms

registerSandboxProbe(() =>
  sms.sandbox ? '短信：发件箱模式，短信不会真正发出，工作人员可在后台“短信发件箱”查看' : null
)
