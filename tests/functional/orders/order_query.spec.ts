import { test } from '@japa/runner'
import SmsMessage from '#core/sms/sms_message'
import { usccCode } from '#tests/helpers/factories'
import { ensureCa } from '#tests/unit/issuance/support'
import {
  catalogFixture,
  fillApplication,
  verifiedApplicant,
} from '#tests/functional/orders/support'

async function queryCode(phone: string) {
  const sms = await SmsMessage.query()
    .where('phone', phone)
    .where('purpose', 'code:order_query')
    .orderBy('created_at', 'desc')
    .firstOrFail()
  return /验证码为 (\d{6})/.exec(sms.content)![1]
}

/**
 * 订单查询 without signing in (issue 11, manual 002 §6).
 */
test.group('订单查询 (anonymous)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('kind + ID number + SMS code to the reserved phone shows the orders and the way to continue', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const user = await verifiedApplicant()
    const draft = await fillApplication(client, user, fixture.cloud.id, fixture.cloudMaterial.id)
    const { asApplicant } = await import('#tests/helpers/auth')
    await asApplicant(client.post(`/orders/${draft.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .form({})

    const form = await client.get('/order-query')
    form.assertStatus(200)
    assert.include(form.text(), '订单查询')

    const sent = await client
      .post('/order-query')
      .withCsrfToken()
      .form({ intent: 'send_code', kind: 'person', id_number: user.realIdNumber! })
      .redirects(0)
    sent.assertFlashMessage(
      'success',
      '如该证件办理过证书业务，验证码已发送至办理时预留的经办人手机，5 分钟内有效'
    )
    const code = await queryCode(user.phone)

    const wrong = await client
      .post('/order-query')
      .withCsrfToken()
      .form({
        kind: 'person',
        id_number: user.realIdNumber!,
        sms_code: code === '000000' ? '111111' : '000000',
      })
      .redirects(0)
    assert.property(wrong.flashMessages().inputErrorsBag ?? {}, 'sms_code')

    const ok = await client
      .post('/order-query')
      .withCsrfToken()
      .form({ kind: 'person', id_number: user.realIdNumber!, sms_code: code })
    ok.assertStatus(200)
    assert.include(ok.text(), draft.orderNo)
    assert.include(ok.text(), '待支付')
    assert.include(ok.text(), `href="/orders/${draft.orderNo}/pay"`)
    assert.notInclude(ok.text(), user.realIdNumber!)

    // the continue link asks for the order's account, then comes back
    const pay = await client.get(`/orders/${draft.orderNo}/pay`).redirects(0)
    pay.assertStatus(302)
    assert.include(pay.header('location') ?? '', '/login')
  })

  test('an unknown number gets the same answer and no SMS; a query without a code shows nothing', async ({
    client,
    assert,
  }) => {
    const before = await SmsMessage.query().where('purpose', 'code:order_query')
    const sent = await client
      .post('/order-query')
      .withCsrfToken()
      .form({ intent: 'send_code', kind: 'org', id_number: usccCode() })
      .redirects(0)
    sent.assertFlashMessage(
      'success',
      '如该证件办理过证书业务，验证码已发送至办理时预留的经办人手机，5 分钟内有效'
    )
    const after = await SmsMessage.query().where('purpose', 'code:order_query')
    assert.equal(after.length, before.length)
    const bad = await client
      .post('/order-query')
      .withCsrfToken()
      .form({ kind: 'person', id_number: '123' })
      .redirects(0)
    assert.property(bad.flashMessages().inputErrorsBag ?? {}, 'id_number')
    const results = await client.get('/order-query/results').redirects(0)
    assert.equal(results.header('location'), '/order-query')
  })
})
