import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import audit from '#core/audit/audit_service'
import { faultPoint } from '#core/fault_points'
import { nextId } from '#core/ids'
import { withLock } from '#core/locks'
import { dispatchJob } from '#core/queue/jobs'
import BankTransfer from '#orgs/models/bank_transfer'
import OrgClaim from '#orgs/models/org_claim'
import { claimCheckLifecycle, depositLifecycle } from '#orgs/lifecycles'
import { BankRefusal, bankDriver, depositCode, depositMemo } from '#orgs/services/bank'
import SendDepositJob from '#orgs/jobs/send_deposit_job'

/**
 * 对公打款 in three steps, like a payment or an issuance: nothing is held
 * open while the bank thinks, nothing is lost in a crash, nothing paid
 * twice.
 *
 *   1. `recordDeposit` — in the claim's transaction: the transfer to make
 *      (待打款) with its own reference, and the job orgs.send_deposit
 *      (delayed). Both exist if and only if the claim commits.
 *   2. `sendDeposit` — after the commit (right away by the request, later
 *      by the job): the bank is asked outside any transaction with the
 *      reference as its idempotency key and the memo code derived from it
 *      (the same code every time).
 *   3. its answer, in a transaction of its own: 已打款; or 银行未受理 and
 *      the claim's check fails with the bank's reason. No answer (bank out
 *      of reach): the attempt is recorded and the job retries.
 *
 * A crash after 1 leaves the job; a crash after the bank accepted and
 * before 3 makes the job ask again with the same reference, which the
 * bank answers with the same transfer. Sends of one transfer take turns
 * (a lock per transfer) and the later one finds it decided.
 */
export const DEPOSIT_RETRY_DELAY = '1m'

export const BANK_UNREACHABLE =
  '银行打款服务暂时无法连接，系统将自动重试打款；到账后请查询打款附言中的 6 位验证码回填'

interface DepositClaim {
  id: string
  requestNo: string
  orgName: string
  bankName: string | null
  bankAccount: string | null
}

/**
 * Step 1, in the claim's transaction: the transfer and its job. Returns the
 * memo code (the claim keeps its hash).
 */
export async function recordDeposit(
  claim: DepositClaim,
  amountFen: number,
  trx: TransactionClientContract
): Promise<{ transfer: BankTransfer; code: string }> {
  const driver = bankDriver()
  const reference = nextId()
  const code = depositCode(reference)
  const transfer = new BankTransfer()
  transfer.useTransaction(trx)
  transfer.fill({
    claimId: claim.id,
    reference,
    status: 'pending',
    bankName: claim.bankName!,
    bankAccount: claim.bankAccount!,
    payeeName: claim.orgName,
    amountFen,
    memo: driver.keptMemo(depositMemo(code)),
    driver: driver.name,
    attempts: 0,
  })
  await audit.save(transfer, trx, {
    action: 'orgs.deposit.request',
    subjectType: 'org_bank_transfer',
    data: { requestNo: claim.requestNo, reference, amountFen, driver: driver.name },
  })
  await dispatchJob(
    SendDepositJob,
    { transferId: transfer.id },
    { trx, delay: DEPOSIT_RETRY_DELAY, dedupKey: `orgs-deposit:${transfer.id}` }
  )
  return { transfer, code }
}

/**
 * Steps 2 and 3 (the job's run; idempotent): ask the bank for a transfer
 * still 待打款 and record its answer. A refusal is recorded and returned
 * (never retried); no answer is recorded and thrown for the job to retry —
 * or, with `retryLater` (the request right after the claim's commit),
 * returned as it is (打款处理中: the job's turn).
 */
export async function sendDeposit(
  transferId: string,
  options: { retryLater?: boolean } = {}
): Promise<BankTransfer | null> {
  return withLock(`orgs:deposit:${transferId}`, async () => {
    const transfer = await BankTransfer.find(transferId)
    if (!transfer || transfer.status !== 'pending' || !transfer.reference) return transfer
    const code = depositCode(transfer.reference)
    let transferIdAtBank: string | null
    try {
      const answer = await bankDriver(transfer.driver).pay({
        reference: transfer.reference,
        bankName: transfer.bankName,
        bankAccount: transfer.bankAccount,
        payeeName: transfer.payeeName,
        amountFen: transfer.amountFen,
        memo: depositMemo(code),
      })
      transferIdAtBank = answer.transferId
    } catch (error) {
      if (error instanceof BankRefusal) return refuse(transfer, error.message)
      await recordUnanswered(transfer, error)
      if (options.retryLater) {
        logger.warn({ err: error, transferId }, 'deposit not sent, the job will retry')
        return transfer
      }
      throw error
    }
    faultPoint('orgs.deposit.after_bank')
    await db.transaction(async (trx) => {
      transfer.merge({
        bankTransferId: transferIdAtBank,
        sentAt: DateTime.utc(),
        attempts: transfer.attempts + 1,
        lastError: null,
      })
      await depositLifecycle.apply(transfer, 'send', trx, {
        data: { reference: transfer.reference, bankTransferId: transferIdAtBank },
      })
    })
    return transfer
  })
}

export function refusalMessage(reason: string) {
  return `银行未受理打款：${reason}。请核对开户银行与对公账号`
}

/** the bank said no: the transfer is 银行未受理 and the claim's check fails with why */
async function refuse(transfer: BankTransfer, reason: string) {
  await db.transaction(async (trx) => {
    transfer.lastError = reason.slice(0, 300)
    transfer.attempts += 1
    await depositLifecycle.apply(transfer, 'refuse', trx, {
      data: { reference: transfer.reference, reason: transfer.lastError },
    })
    const claim = await OrgClaim.query({ client: trx })
      .where('id', transfer.claimId)
      .forUpdate()
      .first()
    if (claim?.status === 'verifying') {
      claim.failure = refusalMessage(transfer.lastError).slice(0, 300)
      await claimCheckLifecycle.apply(claim as OrgClaim & { status: 'verifying' }, 'fail', trx, {
        data: { reason: 'bank_refused' },
      })
    }
  })
  return transfer
}

async function recordUnanswered(transfer: BankTransfer, error: unknown) {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 300)
  await db.transaction(async (trx) => {
    transfer.merge({ attempts: transfer.attempts + 1, lastError: message || '银行无应答' })
    await audit.save(transfer, trx, {
      action: 'orgs.deposit.send_fail',
      subjectType: 'org_bank_transfer',
      data: {
        reference: transfer.reference,
        attempt: transfer.attempts,
        error: transfer.lastError,
      },
    })
  })
}

/** a claim's transfer (its page says 打款处理中 while the bank has not answered) */
export async function depositOfClaim(claimId: string) {
  return BankTransfer.findBy('claim_id', claimId)
}
