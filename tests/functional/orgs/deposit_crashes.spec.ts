import { test } from '@japa/runner'
import nock from 'nock'
import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import type User from '#accounts/models/user'
import { armFault, armedFaults, disarmFaults, type FaultPointName } from '#core/fault_points'
import { runQueuedJobs } from '#core/queue/jobs'
import AuditLog from '#core/audit/audit_log'
import Org from '#orgs/models/org'
import OrgClaim from '#orgs/models/org_claim'
import BankTransfer from '#orgs/models/bank_transfer'
import { sendDeposit } from '#orgs/actions/deposits'
import { asApplicant } from '#tests/helpers/auth'
import { fieldErrors, flash } from '#tests/functional/accounts/helpers'
import { verifiedUser } from '#tests/functional/orgs/helpers'
import { submitDeposit, useHttpBank } from '#tests/functional/orgs/bank_support'
import { assertNothingLeft, backoffPassed } from '#tests/functional/orders/crash_support'

/**
 * 对公打款 split in steps (the payments idiom): the claim and the transfer
 * to make (its own reference) commit first; the bank is called outside any
 * transaction — right after the commit and, durably, by the job
 * orgs.send_deposit — with that reference as its idempotency key; its
 * answer is recorded in a transaction of its own. A crash between the
 * steps, the bank out of reach, or the request and the job sending at the
 * same time: exactly one deposit reaches the org's account.
 *
 * The bank (nock) keeps a ledger keyed by requestId, as a real bank's
 * idempotent payment interface does: a repeated request is answered with
 * the first transfer and pays nothing more.
 */
/** an idempotent bank: `requests` every call it received, `paid` the transfers it made */
function idempotentBank() {
  const requests: Array<{ requestId: string; memo: string }> = []
  const paid = new Map<string, string>()
  nock('https://bank.example.cn')
    .persist()
    .post('/api/transfers', (body: any) => {
      requests.push(body)
      if (!paid.has(body.requestId)) paid.set(body.requestId, `T${paid.size + 1}`)
      return true
    })
    .reply(200, () => ({ code: 0, transferId: paid.get(requests.at(-1)!.requestId) }))
  return { requests, paid }
}

async function typeBack(client: ApiClient, user: User, claimId: string, code: string) {
  return asApplicant(client.post(`/orgs/claims/${claimId}/deposit`), user)
    .withCsrfToken()
    .form({ deposit_code: code })
    .redirects(0)
}

function codeOf(memo: string) {
  return /(\d{6})$/.exec(memo)![1]
}

async function auditActions(subjectId: string) {
  const rows = await AuditLog.query().where('subject_id', subjectId).orderBy('id', 'asc')
  return rows.map((row) => row.action)
}

/**
 * a new claimant submits 对公打款 to the idempotent bank with `fault` armed:
 * the request crashed there (500); its claim and transfer as committed
 */
async function depositCrashedAt(client: ApiClient, assert: Assert, fault: FaultPointName) {
  const bank = idempotentBank()
  const user = await verifiedUser()
  armFault(fault)
  const { form, response } = await submitDeposit(client, user)
  response.assertStatus(500)
  assert.deepEqual(armedFaults(), [], 'the crash happened')
  const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
  const transfer = await BankTransfer.findByOrFail('claim_id', claim.id)
  return { bank, user, form, claim, transfer }
}

test.group('Orgs · micro-deposit: crash, retry, concurrency (HTTP bank, nock)', (group) => {
  useHttpBank(group, disarmFaults)

  test('a crash after the claim and its transfer commit, before the bank is called: the job pays once, the code claims the org', async ({
    client,
    assert,
  }) => {
    const { bank, user, form, claim, transfer } = await depositCrashedAt(
      client,
      assert,
      'orgs.deposit.after_intent'
    )
    assert.lengthOf(bank.requests, 0, 'nothing reached the bank')
    assert.equal(claim.status, 'verifying', 'the claim was recorded before the bank call')
    assert.equal(transfer.status, 'pending')
    assert.match(transfer.reference!, /^\d{19}$/)

    /* the claimant tries again: the claim in progress refuses a second one (no second deposit) */
    const again = await submitDeposit(client, user, form)
    assert.include(fieldErrors(again.response).uscc[0], '认领')
    assert.equal(
      await BankTransfer.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      1
    )

    await backoffPassed()
    assert.equal(await runQueuedJobs(), 1)
    assert.lengthOf(bank.requests, 1)
    assert.equal(bank.requests[0].requestId, transfer.reference)
    await transfer.refresh()
    assert.equal(transfer.status, 'sent')
    assert.equal(transfer.bankTransferId, 'T1')

    const typed = await typeBack(client, user, claim.id, codeOf(bank.requests[0].memo))
    typed.assertStatus(302)
    assert.equal((await Org.findByOrFail('uscc', form.uscc)).status, 'claimed')
    assert.includeMembers(await auditActions(transfer.id), [
      'orgs.deposit.request',
      'orgs.deposit.send',
    ])
    await assertNothingLeft(assert)
  })

  test('a crash after the bank accepted, before its answer is recorded: the job asks again with the same reference, one deposit', async ({
    client,
    assert,
  }) => {
    const { bank, claim, transfer } = await depositCrashedAt(
      client,
      assert,
      'orgs.deposit.after_bank'
    )
    assert.lengthOf(bank.requests, 1, 'the bank accepted the transfer')
    assert.equal(transfer.status, 'pending', 'its answer was lost with the process')

    await backoffPassed()
    await runQueuedJobs()
    assert.lengthOf(bank.requests, 2)
    assert.equal(bank.requests[1].requestId, bank.requests[0].requestId, 'the same reference')
    assert.equal(bank.requests[1].memo, bank.requests[0].memo, 'the same memo code')
    assert.equal(bank.paid.size, 1, 'one deposit reached the account')
    await transfer.refresh()
    assert.equal(transfer.status, 'sent')
    assert.equal(transfer.bankTransferId, 'T1')
    assert.equal(
      await BankTransfer.query()
        .where('claim_id', claim.id)
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      1
    )

    const actions = await auditActions(transfer.id)
    assert.equal(actions.filter((a) => a === 'orgs.deposit.send').length, 1, 'recorded once')
    await assertNothingLeft(assert)
  })

  test('the bank cannot be reached: the claim waits (打款处理中), the job retries with the same reference', async ({
    client,
    assert,
  }) => {
    nock('https://bank.example.cn').post('/api/transfers').replyWithError('ECONNRESET')
    const user = await verifiedUser()
    const { form, response } = await submitDeposit(client, user)
    const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
    response.assertHeader('location', `/orgs/claims/${claim.id}`)
    assert.include(flash(response, 'info') ?? '', '暂时无法连接')
    assert.equal(claim.status, 'verifying')
    const transfer = await BankTransfer.findByOrFail('claim_id', claim.id)
    assert.equal(transfer.status, 'pending')
    assert.equal(transfer.attempts, 1)

    const page = await asApplicant(client.get(`/orgs/claims/${claim.id}`), user)
    assert.include(page.text(), '打款处理中')

    const bank = idempotentBank()
    await backoffPassed()
    await runQueuedJobs()
    assert.lengthOf(bank.requests, 1)
    assert.equal(bank.requests[0].requestId, transfer.reference)
    await transfer.refresh()
    assert.equal(transfer.status, 'sent')
    assert.includeMembers(await auditActions(transfer.id), [
      'orgs.deposit.request',
      'orgs.deposit.send_fail',
      'orgs.deposit.send',
    ])
    await assertNothingLeft(assert)
  })

  test('the request’s send and the job’s send at the same time: the bank is asked once', async ({
    client,
    assert,
  }) => {
    const { bank, transfer } = await depositCrashedAt(client, assert, 'orgs.deposit.after_intent')

    await backoffPassed()
    await Promise.all([sendDeposit(transfer.id), runQueuedJobs(), sendDeposit(transfer.id)])
    assert.lengthOf(bank.requests, 1, 'one call: the others found it sent')
    await transfer.refresh()
    assert.equal(transfer.status, 'sent')
    await assertNothingLeft(assert)
  })
})
