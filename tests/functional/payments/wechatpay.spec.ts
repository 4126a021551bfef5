import { test } from '@japa/runner'
import nock from 'nock'
import { DateTime } from 'luxon'
import AuditLog from '#core/audit/audit_log'
import Payment from '#payments/models/payment'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import {
  WECHAT_BASE,
  fakeOrders,
  installTestGateways,
  keys,
  wechatNotification,
  wechatSignedHeaders,
  wechatTransaction,
} from '#tests/fixtures/payments/support'

test.group('Payments · WeChat Pay through HTTP', (group) => {
  let orders: ReturnType<typeof fakeOrders>
  group.each.setup(() => {
    const restore = installTestGateways(['wechatpay', 'sandbox'])
    orders = fakeOrders()
    return () => {
      orders.restore()
      restore()
      nock.cleanAll()
    }
  })

  async function start(client: any, amountFen = 24000) {
    const user = await createUser()
    const orderNo = orders.add(user.id, amountFen)
    const answer = JSON.stringify({ code_url: 'weixin://wxpay/bizpayurl?pr=TestCode1' })
    nock(WECHAT_BASE)
      .post('/v3/pay/transactions/native')
      .reply(200, answer, { 'Content-Type': 'application/json', ...wechatSignedHeaders(answer) })
    await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'wechatpay' })
    const payment = await Payment.query().where('order_no', orderNo).firstOrFail()
    return { user, orderNo, payment }
  }

  function notify(client: any, n: { body: string; headers: Record<string, string> }) {
    return client.post('/payments/notify/wechatpay').headers(n.headers).unsafeJson(n.body)
  }

  test('the applicant sees the WeChat QR code of the Native order', async ({ client, assert }) => {
    const { user, payment } = await start(client)
    assert.equal(payment.codeUrl, 'weixin://wxpay/bizpayurl?pr=TestCode1')
    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    assert.include(page.text(), '微信支付')
    assert.include(page.text(), '请使用微信“扫一扫”扫描二维码完成支付')
    assert.include(page.text(), '<svg class="qr"')
    assert.include(page.text(), '我已支付')
    assert.notInclude(page.text(), 'tag-sandbox')
  })

  test('a verified notification pays the order; a replay changes nothing and is answered with success', async ({
    client,
    assert,
  }) => {
    const { orderNo, payment } = await start(client)
    const n = wechatNotification(
      wechatTransaction(payment.outTradeNo, 24000, { transaction_id: '4200000000000000001' })
    )
    const response = await notify(client, n)
    response.assertStatus(200)
    assert.deepEqual(response.body(), { code: 'SUCCESS', message: '成功' })
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    assert.equal(payment.transactionId, '4200000000000000001')
    assert.equal(payment.paidOrderNo, orderNo)
    assert.equal((payment.gatewayData as any).notify.transaction.out_trade_no, payment.outTradeNo)
    assert.lengthOf(orders.succeeded, 1)

    const replay = await notify(client, n)
    replay.assertStatus(200)
    assert.deepEqual(replay.body(), { code: 'SUCCESS', message: '成功' })
    assert.lengthOf(orders.succeeded, 1)
    assert.lengthOf(
      await AuditLog.query().where('action', 'orders.payment.paid').where('subject_id', payment.id),
      1
    )
  })

  test('a forged signature is refused (401) and audited; the payment stays unpaid', async ({
    client,
    assert,
  }) => {
    const { payment } = await start(client)
    const n = wechatNotification(wechatTransaction(payment.outTradeNo, 24000), {
      privateKey: keys.merchantPrivate,
    })
    const response = await notify(client, n)
    response.assertStatus(401)
    assert.deepEqual(response.body(), { code: 'FAIL', message: '签名验证失败' })
    const tampered = wechatNotification(wechatTransaction(payment.outTradeNo, 24000))
    const edited = await notify(client, {
      headers: tampered.headers,
      body: tampered.body.replace('支付成功', '支付成功!'),
    })
    edited.assertStatus(401)
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    assert.lengthOf(orders.succeeded, 0)
    const entries = await AuditLog.query().where('action', 'orders.payment.notify_refused')
    assert.isAtLeast(entries.length, 2)
    assert.include(entries[0].data!, 'wechatpay')
  })

  test('an amount that differs from the order is refused and audited', async ({
    client,
    assert,
  }) => {
    const { payment } = await start(client)
    const response = await notify(
      client,
      wechatNotification(wechatTransaction(payment.outTradeNo, 1))
    )
    response.assertStatus(400)
    assert.deepEqual(response.body(), { code: 'FAIL', message: '支付金额与订单金额不符' })
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    assert.isNull(payment.paidOrderNo)
    assert.lengthOf(orders.succeeded, 0)
    const entry = await AuditLog.query()
      .where('action', 'orders.payment.notify_refused')
      .where('subject_id', payment.id)
      .firstOrFail()
    assert.include(entry.data!, 'amount_mismatch')
  })

  test('a notification with a stale timestamp is refused', async ({ client, assert }) => {
    const { payment } = await start(client)
    const old = wechatNotification(wechatTransaction(payment.outTradeNo, 24000), {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    })
    const response = await notify(client, old)
    response.assertStatus(401)
    assert.deepEqual(response.body(), { code: 'FAIL', message: '签名时间戳已过期' })
    await payment.refresh()
    assert.equal(payment.status, 'pending')
  })

  test('我已支付 asks WeChat Pay when the notification did not come', async ({
    client,
    assert,
  }) => {
    const { user, payment } = await start(client)
    const notPaid = JSON.stringify(
      wechatTransaction(payment.outTradeNo, 24000, {
        trade_state: 'NOTPAY',
        transaction_id: undefined,
      })
    )
    nock(WECHAT_BASE)
      .get(`/v3/pay/transactions/out-trade-no/${payment.outTradeNo}`)
      .query(true)
      .reply(200, notPaid, { 'Content-Type': 'application/json', ...wechatSignedHeaders(notPaid) })
    const first = await asApplicant(client.post(`/payments/${payment.id}/check`), user)
      .withCsrfToken()
      .redirects(0)
    first.assertFlashMessage('info', '暂未查询到支付结果。如您已付款，请稍候片刻再刷新。')
    await payment.refresh()
    assert.equal(payment.status, 'pending')

    payment.lastCheckedAt = null
    await payment.save()
    const paid = JSON.stringify(
      wechatTransaction(payment.outTradeNo, 24000, { transaction_id: '4200000000000000009' })
    )
    nock(WECHAT_BASE)
      .get(`/v3/pay/transactions/out-trade-no/${payment.outTradeNo}`)
      .query(true)
      .reply(200, paid, { 'Content-Type': 'application/json', ...wechatSignedHeaders(paid) })
    const second = await asApplicant(client.post(`/payments/${payment.id}/check`), user)
      .withCsrfToken()
      .redirects(0)
    second.assertFlashMessage('success', '支付成功')
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    assert.equal(payment.transactionId, '4200000000000000009')
    assert.lengthOf(orders.succeeded, 1)
  })

  test('an expired QR code is not shown; the applicant gets a new one or asks about the old one', async ({
    client,
    assert,
  }) => {
    const { user, payment } = await start(client)
    payment.expiresAt = DateTime.utc().minus({ minutes: 1 })
    await payment.save()
    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    const html = page.text()
    assert.notInclude(html, '<svg class="qr"')
    assert.notInclude(html, 'http-equiv="refresh"')
    assert.include(html, '二维码已过期')
    assert.include(html, '重新获取二维码')
    assert.include(html, `action="/payments/${payment.id}/check" id="check-form"`)
    assert.include(html, 'form="check-form"')
  })

  test('switching to another method closes the WeChat order at the gateway', async ({
    client,
    assert,
  }) => {
    const { user, orderNo, payment } = await start(client)
    const closed = nock(WECHAT_BASE)
      .post(`/v3/pay/transactions/out-trade-no/${payment.outTradeNo}/close`)
      .reply(204, '', wechatSignedHeaders(''))
    await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'sandbox' })
    await payment.refresh()
    assert.equal(payment.status, 'closed')
    assert.isTrue(closed.isDone())
  })
})
