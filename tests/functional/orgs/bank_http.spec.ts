import { test } from '@japa/runner'
import nock from 'nock'
import { verifySignedJson } from '#core/signed_json'
import Org from '#orgs/models/org'
import OrgClaim from '#orgs/models/org_claim'
import BankTransfer from '#orgs/models/bank_transfer'
import { asApplicant } from '#tests/helpers/auth'
import { makeImage } from '#tests/helpers/files'
import { fieldErrors, flash } from '#tests/functional/accounts/helpers'
import { runQueuedJobs } from '#core/queue/jobs'
import { backoffPassed } from '#tests/functional/orders/crash_support'
import { verifiedUser } from '#tests/functional/orgs/helpers'
import { BANK, submitDeposit, useHttpBank } from '#tests/functional/orgs/bank_support'

/**
 * 对公账户打款认证 with a real bank's HTTP interface (ORGS_BANK_DRIVER=http),
 * the bank mocked with nock: the request is signed and carries the memo
 * code and the transfer's reference; the code the bank paid, typed back,
 * claims the org; a refusal says why at the account field and ends the
 * claim (an unreachable bank: deposit_crashes.spec.ts).
 */
test.group('Orgs · micro-deposit through a real bank (HTTP, nock)', (group) => {
  useHttpBank(group)

  test('the signed request pays 0.01 with the memo code; the code typed back claims the org', async ({
    client,
    assert,
  }) => {
    /* what the bank receives: the signing headers and the exact body */
    const headers: Record<string, string> = {}
    const keep = (name: string) => (value: string | null) => {
      headers[name] = value ?? ''
      return true
    }
    let body = ''
    nock('https://bank.example.cn', {
      reqheaders: Object.fromEntries(
        ['x-app-id', 'x-timestamp', 'x-nonce', 'x-signature'].map((h) => [h, keep(h)])
      ),
    })
      .post('/api/transfers', (sent) => {
        body = JSON.stringify(sent)
        return true
      })
      .reply(200, { code: 0, transferId: 'T20260101001' })
    const user = await verifiedUser()
    const { form, response } = await submitDeposit(client, user)
    const claim = await OrgClaim.findByOrFail('uscc', form.uscc)
    response.assertHeader('location', `/orgs/claims/${claim.id}`)

    const check = verifySignedJson(
      { appId: BANK.appId, secret: BANK.secret, maxClockSkewSeconds: 300 },
      headers,
      body
    )
    assert.isTrue(check.ok, 'the bank can verify our signature')
    const paid = JSON.parse(body)
    const transfer = await BankTransfer.findByOrFail('claim_id', claim.id)
    assert.equal(paid.requestId, transfer.reference, 'the transfer’s own reference: paid once')
    assert.equal(transfer.status, 'sent')
    assert.equal(transfer.bankTransferId, 'T20260101001')
    assert.equal(paid.amountFen, 1)
    assert.equal(paid.payeeName, form.org_name)
    const code = /(\d{6})$/.exec(paid.memo)![1]

    /* the office's record of the transfer never shows the code */
    assert.equal(transfer.driver, 'http')
    assert.notInclude(transfer.memo, code)

    const typed = await asApplicant(client.post(`/orgs/claims/${claim.id}/deposit`), user)
      .withCsrfToken()
      .form({ deposit_code: code })
      .redirects(0)
    typed.assertStatus(302)
    assert.equal((await Org.findByOrFail('uscc', form.uscc)).status, 'claimed')
  })

  test('the bank refuses: the reason at the account field, the claim ends (核验失败), never retried; a new claim may follow', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser()
    nock('https://bank.example.cn')
      .post('/api/transfers')
      .reply(200, { code: 4001, message: '收款账户不存在' })
    const refused = await submitDeposit(client, user)
    assert.include(fieldErrors(refused.response).bank_account[0], '收款账户不存在')
    assert.equal(
      flash(refused.response, 'org_name'),
      refused.form.org_name,
      'what was typed is kept'
    )
    const claim = await OrgClaim.findByOrFail('uscc', refused.form.uscc)
    assert.equal(claim.status, 'failed')
    assert.include(claim.failure!, '收款账户不存在')
    const transfer = await BankTransfer.findByOrFail('claim_id', claim.id)
    assert.equal(transfer.status, 'refused')

    /* the queued retry finds the refusal and asks the bank nothing (no interceptor is left) */
    await backoffPassed()
    await runQueuedJobs()
    assert.isTrue(nock.isDone())
    await transfer.refresh()
    assert.equal(transfer.status, 'refused')

    nock('https://bank.example.cn').post('/api/transfers').reply(200, { code: 0, transferId: 'T2' })
    const again = await asApplicant(client.post('/orgs/claim'), user)
      .withCsrfToken()
      .redirects(0)
      .fields({
        ...refused.form,
        method: 'deposit',
        bank_name: '中国工商银行示例支行',
        bank_account: '6222 0000 1111 3333',
      })
      .file('licence', await makeImage('png'))
    again.assertStatus(302)
    const second = await OrgClaim.query()
      .where('uscc', refused.form.uscc)
      .where('status', 'verifying')
      .firstOrFail()
    again.assertHeader('location', `/orgs/claims/${second.id}`)
  })
})
