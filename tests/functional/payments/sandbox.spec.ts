import { test } from '@japa/runner'
import AuditLog from '#core/audit/audit_log'
import Payment from '#payments/models/payment'
import gateways from '#payments/gateways'
import { type SandboxDriver } from '#payments/drivers/sandbox'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { fakeOrders, installTestGateways } from '#tests/fixtures/payments/support'

test.group('Payments · sandbox gateway through HTTP', (group) => {
  let orders: ReturnType<typeof fakeOrders>
  group.each.setup(() => {
    const restore = installTestGateways(['sandbox', 'bank_transfer'])
    orders = fakeOrders()
    return () => {
      orders.restore()
      restore()
    }
  })

  async function start(client: any) {
    const user = await createUser()
    const orderNo = orders.add(user.id, 24000)
    await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'sandbox' })
    const payment = await Payment.query().where('order_no', orderNo).firstOrFail()
    const driver = gateways.get('sandbox') as SandboxDriver
    return {
      user,
      orderNo,
      payment,
      token: driver.cashierToken(payment.id),
      cashier: driver.cashierPath(payment.id),
    }
  }

  test('the cashier shows the amount, a QR code and the two buttons; without its token it does not exist', async ({
    client,
    assert,
  }) => {
    const { payment, cashier } = await start(client)
    const page = await client.get(cashier)
    page.assertStatus(200)
    assert.include(page.text(), '沙箱收银台')
    assert.include(page.text(), '¥240.00')
    assert.include(page.text(), '<svg class="qr"')
    assert.include(page.text(), '模拟支付成功')
    assert.include(page.text(), '模拟支付失败')
    ;(await client.get(`/payments/sandbox/${payment.id}`)).assertStatus(404)
    ;(
      await client.get(`/payments/sandbox/${payment.id}?t=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)
    ).assertStatus(404)
  })

  test('模拟支付成功 pays the order through the verified notification path, once', async ({
    client,
    assert,
  }) => {
    const { user, orderNo, payment, token, cashier } = await start(client)
    const response = await client
      .post(`/payments/sandbox/${payment.id}`)
      .withCsrfToken()
      .form({ t: token, outcome: 'success' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', cashier)
    response.assertFlashMessage('success', '已模拟支付成功')
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    assert.equal(payment.paidOrderNo, orderNo)
    assert.match(payment.transactionId!, /^SANDBOX/)
    assert.lengthOf(orders.succeeded, 1)
    assert.equal(orders.succeeded[0].amountFen, 24000)
    const entry = await AuditLog.query()
      .where('action', 'orders.payment.paid')
      .where('subject_id', payment.id)
      .firstOrFail()
    assert.equal(entry.actorName, '沙箱支付')

    const again = await client
      .post(`/payments/sandbox/${payment.id}`)
      .withCsrfToken()
      .form({ t: token, outcome: 'success' })
      .redirects(0)
    again.assertFlashMessage('error', '该支付已结束，无需再次操作')
    assert.lengthOf(orders.succeeded, 1)

    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    assert.include(page.text(), '支付成功！')
    assert.include(page.text(), '已支付')
    assert.notInclude(page.text(), 'http-equiv="refresh"')
  })

  test('模拟支付失败 fails the attempt; the applicant pays again with a new one', async ({
    client,
    assert,
  }) => {
    const { user, orderNo, payment, token } = await start(client)
    const response = await client
      .post(`/payments/sandbox/${payment.id}`)
      .withCsrfToken()
      .form({ t: token, outcome: 'fail' })
      .redirects(0)
    response.assertFlashMessage('warning', '已模拟支付失败')
    await payment.refresh()
    assert.equal(payment.status, 'failed')
    assert.lengthOf(orders.failed, 1)
    assert.lengthOf(orders.succeeded, 0)

    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    assert.include(page.text(), '支付未成功：模拟支付失败')
    assert.include(page.text(), '重新支付')

    const retry = await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'sandbox' })
      .redirects(0)
    const attempts = await Payment.query().where('order_no', orderNo).orderBy('created_at', 'asc')
    assert.lengthOf(attempts, 2)
    retry.assertHeader('location', `/payments/${attempts.find((p) => p.id !== payment.id)!.id}`)
  })

  test('a forged sandbox notification is refused and audited', async ({ client, assert }) => {
    const { payment } = await start(client)
    const body = JSON.stringify({
      out_trade_no: payment.outTradeNo,
      trade_state: 'SUCCESS',
      amount_fen: 24000,
    })
    const response = await client
      .post('/payments/notify/sandbox')
      .headers({
        'x-sandbox-timestamp': String(Math.floor(Date.now() / 1000)),
        'x-sandbox-nonce': 'n',
        'x-sandbox-signature': 'f'.repeat(64),
      })
      .unsafeJson(body)
    response.assertStatus(401)
    assert.deepEqual(response.body(), { code: 'FAIL', message: '签名验证失败' })
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    const entry = await AuditLog.query()
      .where('action', 'orders.payment.notify_refused')
      .orderBy('seq', 'desc')
      .firstOrFail()
    assert.include(entry.data!, '签名验证失败')
  })

  test('when the sandbox is not offered, its cashier and notifications do not exist', async ({
    client,
  }) => {
    const { payment, cashier } = await start(client)
    installTestGateways(['bank_transfer'])
    ;(await client.get(cashier)).assertStatus(404)
    const driver = gateways.get('sandbox') as SandboxDriver
    const n = driver.buildNotification({
      outTradeNo: payment.outTradeNo,
      amountFen: 24000,
      success: true,
    })
    ;(
      await client
        .post('/payments/notify/sandbox')
        .headers(n.headers as any)
        .unsafeJson(n.body)
    ).assertStatus(404)
  })
})
