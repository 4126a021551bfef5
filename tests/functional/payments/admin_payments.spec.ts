import { test } from '@japa/runner'
import nock from 'nock'
import { DateTime } from 'luxon'
import Payment from '#payments/models/payment'
import { startPayment } from '#payments/actions/start_payment'
import { applyGatewayResult } from '#payments/actions/gateway_results'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'
import {
  WECHAT_BASE,
  fakeOrders,
  installTestGateways,
  wechatSignedHeaders,
  wechatTransaction,
} from '#tests/fixtures/payments/support'

test.group('Payments · back office records', (group) => {
  let orders: ReturnType<typeof fakeOrders>
  group.each.setup(() => {
    const restore = installTestGateways()
    orders = fakeOrders()
    return () => {
      orders.restore()
      restore()
      nock.cleanAll()
    }
  })

  async function paidSandbox() {
    const user = await createUser()
    const orderNo = orders.add(user.id, 24000, '个人数字证书（云证书）1年')
    const payment = await startPayment({
      orderNo,
      userId: user.id,
      amountFen: 24000,
      subject: '个人数字证书（云证书）1年',
      method: 'sandbox',
    })
    await applyGatewayResult('sandbox', {
      outTradeNo: payment.outTradeNo,
      state: 'paid',
      amountFen: 24000,
      transactionId: 'SANDBOX-TX-1',
      paidAt: DateTime.utc(),
      data: { trade_state: 'SUCCESS' },
    })
    return { user, orderNo, payment }
  }

  test('finance finds a payment by order number and filters by method and status', async ({
    client,
    assert,
  }) => {
    const a = await paidSandbox()
    const other = await createUser()
    const pendingOrder = orders.add(other.id, 5000)
    await startPayment({
      orderNo: pendingOrder,
      userId: other.id,
      amountFen: 5000,
      subject: '专家证书',
      method: 'bank_transfer',
    })
    const finance = await createStaff(['finance'])

    const all = await asStaff(client.get('/admin/payments'), finance)
    all.assertStatus(200)
    assert.include(all.text(), a.orderNo)
    assert.include(all.text(), pendingOrder)

    const byNumber = await asStaff(
      client.get('/admin/payments').qs({ order_no: a.orderNo }),
      finance
    )
    assert.include(byNumber.text(), a.orderNo)
    assert.notInclude(byNumber.text(), pendingOrder)

    const byMethod = await asStaff(
      client.get('/admin/payments').qs({ method: 'bank_transfer' }),
      finance
    )
    assert.include(byMethod.text(), pendingOrder)
    assert.notInclude(byMethod.text(), a.orderNo)

    const byStatus = await asStaff(client.get('/admin/payments').qs({ status: 'paid' }), finance)
    assert.include(byStatus.text(), a.orderNo)
    assert.notInclude(byStatus.text(), pendingOrder)

    const today = DateTime.now().setZone('Asia/Shanghai').toISODate()!
    const tomorrow = DateTime.now().setZone('Asia/Shanghai').plus({ days: 1 }).toISODate()!
    const byToday = await asStaff(
      client.get('/admin/payments').qs({ from: today, to: today }),
      finance
    )
    assert.include(byToday.text(), a.orderNo)
    const byFuture = await asStaff(client.get('/admin/payments').qs({ from: tomorrow }), finance)
    assert.notInclude(byFuture.text(), a.orderNo)
    assert.include(byFuture.text(), '没有符合条件的支付记录')
  })

  test('the detail shows what the gateway said and the audit trail', async ({ client, assert }) => {
    const { payment, user } = await paidSandbox()
    const finance = await createStaff(['finance'])
    const page = await asStaff(client.get(`/admin/payments/${payment.id}`), finance)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, payment.outTradeNo)
    assert.include(html, 'SANDBOX-TX-1')
    assert.include(html, '网关数据')
    assert.include(html, '&quot;trade_state&quot;: &quot;SUCCESS&quot;')
    assert.include(html, '发起支付')
    assert.include(html, '支付成功')
    assert.include(html, '待支付 → 已支付')
    assert.include(html, '流水号 SANDBOX-TX-1')
    assert.include(html, '沙箱支付')
    assert.include(html, `张三（${user.phone}）`)
  })

  test('finance asks WeChat Pay about a pending payment', async ({ client, assert }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id, 24000)
    const answer = JSON.stringify({ code_url: 'weixin://wxpay/bizpayurl?pr=Admin1' })
    nock(WECHAT_BASE)
      .post('/v3/pay/transactions/native')
      .reply(200, answer, { 'Content-Type': 'application/json', ...wechatSignedHeaders(answer) })
    const payment = await startPayment({
      orderNo,
      userId: user.id,
      amountFen: 24000,
      subject: 's',
      method: 'wechatpay',
    })
    const tx = JSON.stringify(
      wechatTransaction(payment.outTradeNo, 24000, { transaction_id: '4200000000000000077' })
    )
    nock(WECHAT_BASE)
      .get(`/v3/pay/transactions/out-trade-no/${payment.outTradeNo}`)
      .query(true)
      .reply(200, tx, { 'Content-Type': 'application/json', ...wechatSignedHeaders(tx) })
    const finance = await createStaff(['finance'])
    const detail = await asStaff(client.get(`/admin/payments/${payment.id}`), finance)
    assert.include(detail.text(), '向微信支付查询支付状态')
    const response = await asStaff(client.post(`/admin/payments/${payment.id}/sync`), finance)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('success', '已同步：已支付')
    const fresh = await Payment.findOrFail(payment.id)
    assert.equal(fresh.status, 'paid')
    assert.lengthOf(orders.succeeded, 1)
  })

  test('a reviewer or operator cannot open payment records (403); a super admin can', async ({
    client,
  }) => {
    const { payment } = await paidSandbox()
    for (const role of ['reviewer', 'operator'] as const) {
      const staff = await createStaff([role])
      ;(await asStaff(client.get('/admin/payments'), staff)).assertStatus(403)
      ;(await asStaff(client.get(`/admin/payments/${payment.id}`), staff)).assertStatus(403)
      ;(
        await asStaff(client.post(`/admin/payments/${payment.id}/sync`), staff).withCsrfToken()
      ).assertStatus(403)
    }
    const admin = await createStaff(['super_admin'])
    ;(await asStaff(client.get('/admin/payments'), admin)).assertStatus(200)
    ;(await asStaff(client.get(`/admin/payments/${payment.id}`), admin)).assertStatus(200)
  })

  test('the finance menu links the payment pages', async ({ client, assert }) => {
    const finance = await createStaff(['finance'])
    const page = await asStaff(client.get('/admin/payments'), finance)
    assert.include(page.text(), 'href="/admin/payments/transfers"')
    assert.include(page.text(), '支付记录')
  })
})
