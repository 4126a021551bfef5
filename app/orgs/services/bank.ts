import { randomInt } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { registerSandboxProbe } from '#core/sandbox'
import { postSignedJson, SignedJsonError, type SignedJsonConfig } from '#core/signed_json'
import BankTransfer from '#orgs/models/bank_transfer'
import { OrgError } from '#orgs/errors'

/**
 * The bank adapter of 对公账户打款认证: pays 0.01 yuan to the org's
 * corporate account with a memo (附言) that carries a 6-digit code the
 * claimant types back. The sandbox driver pays nothing: it keeps the
 * transfer in 沙箱打款记录 (back office), where staff read the memo. A real
 * bank: `HttpBank` below (ORGS_BANK_DRIVER=http).
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

/**
 * A real bank's payment interface (银企直连 through the office's gateway),
 * over the signed JSON convention of #core/signed_json:
 *
 *   POST ORGS_BANK_HTTP_URL   X-App-Id, X-Timestamp, X-Nonce, X-Signature
 *   { requestId, payeeName, payeeAccount, payeeBank, amountFen, memo }
 *   → { code: 0, transferId }
 *
 * `requestId` is the claim's id, so that a request repeated by the
 * network is paid once by the bank. A refusal or an unreachable bank
 * refuses the claim at the account field (nothing is kept: the claim's
 * transaction rolls back). The transfer is recorded with its memo code
 * masked: the code reaches only the org's account statement.
 */
export class HttpBank implements BankDriver {
  readonly name = 'http'
  readonly sandbox = false

  constructor(private config: SignedJsonConfig) {}

  async pay(payment: BankPayment, trx: TransactionClientContract) {
    try {
      await postSignedJson(this.config, {
        requestId: payment.claimId,
        payeeName: payment.payeeName,
        payeeAccount: payment.bankAccount,
        payeeBank: payment.bankName,
        amountFen: payment.amountFen,
        memo: payment.memo,
      })
    } catch (error) {
      // real work: the bank's refusal (or silence) is the claimant's answer, at the account field
      if (!(error instanceof SignedJsonError)) throw error
      throw new OrgError(
        error.kind === 'connection'
          ? '银行打款服务暂时无法连接，请稍后重试或选择其他认证方式'
          : `银行未受理打款：${error.message}。请核对开户银行与对公账号`,
        'bank_account'
      )
    }
    const row = new BankTransfer()
    row.useTransaction(trx)
    row.fill({ ...payment, memo: payment.memo.replace(/\d{6}/, '******'), driver: this.name })
    await row.save()
  }
}

export function bankDriver(): BankDriver {
  const name = process.env.ORGS_BANK_DRIVER || 'sandbox'
  if (name === 'http') {
    return new HttpBank({
      url: process.env.ORGS_BANK_HTTP_URL ?? '',
      appId: process.env.ORGS_BANK_HTTP_APP_ID ?? '',
      secret: process.env.ORGS_BANK_HTTP_SECRET ?? '',
      timeoutMs: Number(process.env.ORGS_BANK_HTTP_TIMEOUT_MS) || 10_000,
    })
  }
  if (name !== 'sandbox') throw new Error(`unknown bank driver "${name}"`)
  return new SandboxBank()
}

export function depositCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0')
}

registerSandboxProbe(() =>
  bankDriver().sandbox ? '对公打款：沙箱银行，不实际打款（打款附言见后台“沙箱打款记录”）' : null
)
