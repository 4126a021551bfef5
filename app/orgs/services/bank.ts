import { createHmac } from 'node:crypto'
import env from '#start/env'
import { registerSandboxProbe } from '#core/sandbox'
import { postSignedJson, SignedJsonError, type SignedJsonConfig } from '#core/signed_json'

/**
 * The bank adapter of 对公账户打款认证: pays 0.01 yuan to the org's
 * corporate account with a memo (附言) that carries a 6-digit code the
 * claimant types back. It only talks to the bank: the transfer is recorded
 * before (its reference is the bank's idempotency key: asked twice, the
 * bank pays once) and its answer after, each in a transaction of its own
 * (#orgs/actions/deposits). The sandbox driver pays nothing: the transfer's
 * record is 沙箱打款记录 (back office), where staff read the memo. A real
 * bank: `HttpBank` below (ORGS_BANK_DRIVER=http).
 */
export interface BankPayment {
  /** the transfer's own reference (idempotency key) */
  reference: string
  bankName: string
  bankAccount: string
  payeeName: string
  amountFen: number
  memo: string
}

/** the bank's acceptance of a transfer */
export interface BankAcceptance {
  transferId: string | null
}

/**
 * The bank answered no (its answer, not a failure to reach it): the
 * transfer will never be made, the claim is told why.
 */
export class BankRefusal extends Error {}

export interface BankDriver {
  readonly name: string
  readonly sandbox: boolean
  /** the memo as the office keeps it (a real bank's: the code masked) */
  keptMemo(memo: string): string
  /**
   * Ask the bank to pay: resolves with its acceptance, throws BankRefusal
   * when it refuses, anything else when its answer did not arrive (the
   * call is repeated with the same reference).
   */
  pay(payment: BankPayment): Promise<BankAcceptance>
}

export class SandboxBank implements BankDriver {
  readonly name = 'sandbox'
  readonly sandbox = true

  keptMemo(memo: string) {
    return memo
  }

  async pay(payment: BankPayment): Promise<BankAcceptance> {
    return { transferId: `SANDBOX-${payment.reference}` }
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
 * `requestId` is the transfer's reference: the bank pays a reference once
 * and answers a repeated request with the same transfer, so that a call
 * repeated after a crash or a lost answer pays nothing more. An answer
 * with a non-zero code is a refusal; no answer (unreachable, timed out,
 * HTTP error without a JSON answer) is retried.
 */
export class HttpBank implements BankDriver {
  readonly name = 'http'
  readonly sandbox = false

  constructor(private config: SignedJsonConfig) {}

  keptMemo(memo: string) {
    return memo.replace(/\d{6}/, '******')
  }

  async pay(payment: BankPayment): Promise<BankAcceptance> {
    try {
      const answer = await postSignedJson(this.config, {
        requestId: payment.reference,
        payeeName: payment.payeeName,
        payeeAccount: payment.bankAccount,
        payeeBank: payment.bankName,
        amountFen: payment.amountFen,
        memo: payment.memo,
      })
      return { transferId: typeof answer.transferId === 'string' ? answer.transferId : null }
    } catch (error) {
      if (
        error instanceof SignedJsonError &&
        error.kind === 'answer' &&
        typeof error.payload?.code === 'number'
      ) {
        throw new BankRefusal(error.message)
      }
      throw error
    }
  }
}

/** the driver of ORGS_BANK_DRIVER, or the one a transfer was recorded with */
export function bankDriver(name = process.env.ORGS_BANK_DRIVER || 'sandbox'): BankDriver {
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

/**
 * The memo code of a transfer, derived from its reference with the app's
 * key: the same code whenever the transfer is (re)sent, and kept nowhere
 * in clear (the claim keeps its hash).
 */
export function depositCode(reference: string): string {
  const digest = createHmac('sha256', env.get('APP_KEY').release())
    .update(`orgs.deposit-code:${reference}`)
    .digest()
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0')
}

export function depositMemo(code: string) {
  return `CertDesk机构认证 ${code}`
}

registerSandboxProbe(() =>
  bankDriver().sandbox ? '对公打款：沙箱银行，不实际打款（打款附言见后台“沙箱打款记录”）' : null
)
