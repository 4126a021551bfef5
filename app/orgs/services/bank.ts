import { randomInt } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { registerSandboxProbe } from '#core/sandbox'
import BankTransfer from '#orgs/models/bank_transfer'

/**
 * The bank adapter of 对公账户打款认证: pays 0.01 yuan to the org's
 * corporate account with a memo (附言) that carries a 6-digit code the
 * claimant types back. The sandbox driver pays nothing: it keeps the
 * transfer in 沙箱打款记录 (back office), where staff read the memo. A real
 * bank's driver implements the same interface (ORGS_BANK_DRIVER).
 */
export interface BankPayment {
  claimId: string
  bankName: string
  bankAccount: string
  payeeName: string
  amountFen: number
  memo: string
}

export interface BankDriver {
  readonly name: string
  readonly sandbox: boolean
  pay(payment: BankPayment, trx: TransactionClientContract): Promise<void>
}

export class SandboxBank implements BankDriver {
  readonly name = 'sandbox'
  readonly sandbox = true

  async pay(payment: BankPayment, trx: TransactionClientContract) {
    const row = new BankTransfer()
    row.useTransaction(trx)
    row.fill({ ...payment, driver: this.name })
    await row.save()
  }
}

export function bankDriver(): BankDriver {
  const name = process.env.ORGS_BANK_DRIVER || 'sandbox'
  if (name !== 'sandbox') throw new Error(`unknown bank driver "${name}"`)
  return new SandboxBank()
}

export function depositCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

registerSandboxProbe(() =>
  bankDriver().sandbox ? '对公打款：沙箱银行，不实际打款（打款附言见后台“沙箱打款记录”）' : null
)
