import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Payment from '#payments/models/payment'
import Certificate from '#certificates/models/certificate'
import gateways from '#payments/gateways'
import type { SandboxDriver } from '#payments/drivers/sandbox'
import { issueCloudPair } from '#issuance/actions/issue_certificate'
import { createStaff, createUser, residentId } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { ensureCa, opensslCsr } from '#tests/unit/issuance/support'
import { catalogFixture, fillApplication, payWithSandbox, verifiedApplicant } from './support.js'

/**
 * Issue 9 #9, the smaller findings, each as the user meets it.
 */
test.group('Issue 9 #9 · smaller findings', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a too long delivery note is called 备注, not 支付说明', async ({ client, assert }) => {
    const fixture = await catalogFixture()
    const user = await verifiedApplicant()
    const order = await fillApplication(client, user, fixture.ukey.id, fixture.ukeyMaterial.id, {
      delivery_method: 'self_make',
    })
    const response = await asApplicant(client.post(`/orders/${order.orderNo}/apply/delivery`), user)
      .withCsrfToken()
      .form({
        delivery_method: 'mail_cod',
        receiver: '陈一',
        receiver_phone: user.phone,
        region_code: '110105',
        address: '示例路 1 号',
        note: '很长的备注'.repeat(60),
      })
      .redirects(0)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.exists(errors?.note)
    assert.include(errors.note[0], '备注')
    assert.notInclude(errors.note[0], '支付说明')
  })

  test('the PIN typed twice differently is named: 两次输入的新 PIN 码不一致', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ name: '赵六' } as any)
    const pair = await issueCloudPair({
      profile: 'personal',
      subject: { name: '赵六', idNumber: residentId('19880809') },
      pin: '802615',
    })
    const certificate = await Certificate.create({
      userId: user.id,
      orderNo: '2026010100000000002',
      serial: pair.signing.serial,
      encSerial: pair.encryption.serial,
      credentialId: pair.credentialId,
      certKind: 'personal',
      medium: 'cloud',
      platformId: 'platform-test',
      platformName: '示例交易平台',
      productName: '个人移动证书',
      subjectName: '赵六',
      subjectIdNumber: residentId('19880809'),
      subjectOrgName: null,
      notBefore: DateTime.fromJSDate(pair.signing.notBefore),
      notAfter: DateTime.fromJSDate(pair.signing.notAfter),
    } as any)
    const response = await asApplicant(client.post(`/certificates/${certificate.id}/pin`), user)
      .withCsrfToken()
      .form({ old_pin: '802615', new_pin: '135790', new_pin_confirmation: '135791' })
      .redirects(0)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors?.new_pin_confirmation, ['两次输入的新 PIN 码不一致'])
  })

  test('制证 submitted again after completion says so on the page it comes back to', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const user = await verifiedApplicant()
    const order = await fillApplication(client, user, fixture.ukey.id, fixture.ukeyMaterial.id, {
      delivery_method: 'self_make',
    })
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user).withCsrfToken()
    await payWithSandbox(client, user, order.orderNo)
    await asStaff(
      client.post(`/admin/orders/${order.orderNo}/approve`),
      await createStaff(['reviewer'])
    ).withCsrfToken()
    const { csrPem } = await opensslCsr(2048)
    const make = () =>
      asApplicant(client.post(`/orders/${order.orderNo}/make`), user)
        .withCsrfToken()
        .form({ csr: csrPem })
    await make()
    const again = await make()
    again.assertStatus(200)
    assert.include(again.text(), '该订单已制证，请勿重复提交')
    assert.include(again.text(), '证书已签发')
  })

  test('a signed notification that is not JSON gets the gateway’s JSON answer, not an HTML page', async ({
    client,
    assert,
  }) => {
    const driver = gateways.get('sandbox') as SandboxDriver
    const body = 'out_trade_no=1&trade_state=SUCCESS'
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = 'abcdef0123456789'
    for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
      const response = await client
        .post('/payments/notify/sandbox')
        .headers({
          'content-type': type,
          'x-sandbox-timestamp': timestamp,
          'x-sandbox-nonce': nonce,
          'x-sandbox-signature': driver.signature(timestamp, nonce, body),
        })
        .unsafeJson(body)
      assert.include(response.header('content-type') ?? '', 'json', type)
      assert.deepEqual(response.body(), { code: 'FAIL', message: '通知内容不是有效的 JSON' }, type)
      assert.equal(
        await Payment.query()
          .count('* as n')
          .then((r) => Number(r[0].$extras.n)),
        0
      )
    }
  })
})
