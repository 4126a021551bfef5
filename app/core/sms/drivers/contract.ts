export interface SmsSendResult {
  providerMessageId?: string | null
}

export interface SmsDriver {
  readonly name: string
  /** true for drivers that do not reach a real phone (shown as 沙箱 in the UI) */
  readonly sandbox: boolean
  send(phone: string, content: string): Promise<SmsSendResult>
}

export class SmsDeliveryError extends Error {}
