import type { PaymentDriver } from './contract.js'
import { PAYMENT_METHODS } from '#payments/labels'

/**
 * 银行汇款 / 对公转账: no gateway. The applicant sees the office's receiving
 * account, transfers the money, and uploads the remittance voucher with the
 * payer's details; finance checks the bank statement and confirms (the
 * order is paid) or returns the voucher with a reason.
 */
export interface BankTransferConfig {
  demo: boolean
  accountName: string
  bankName: string
  accountNo: string
  instructions: string
}

export class BankTransferDriver implements PaymentDriver {
  readonly method = 'bank_transfer' as const
  readonly label = PAYMENT_METHODS.bank_transfer
  readonly kind = 'transfer' as const
  readonly scanHint = ''

  constructor(public account: BankTransferConfig) {}

  /** the receiving account is the demo one (shown as 沙箱) */
  get sandbox() {
    return this.account.demo
  }

  isConfigured() {
    return Boolean(this.account.accountName && this.account.bankName && this.account.accountNo)
  }
}
