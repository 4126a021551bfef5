import { test } from '@japa/runner'
import edge from 'edge.js'
import Payment from '#payments/models/payment'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { fakeOrders, installTestGateways } from '#tests/fixtures/payments/support'

test.group('Payments · applicant pages', (group) => {
  let orders: ReturnType<typeof fakeOrders>
  group.each.setup(() => {
    const restore = installTestGateways(['sandbox', 'bank_transfer'])
    orders = fakeOrders()
    return () => {
      orders.restore()
      restore()
    }
  })

  test('choosing a method opens the payment page with a locally rendered QR code', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id, 24000, '个人数字证书（云证书）1年')
    const response = await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'sandbox' })
      .redirects(0)
    response.assertStatus(302)
    const payment = await Payment.query().where('order_no', orderNo).firstOrFail()
    response.assertHeader('location', `/payments/${payment.id}`)

    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, orderNo)
    assert.include(html, '¥240.00')
    assert.include(html, '个人数字证书（云证书）1年')
    assert.include(html, '沙箱支付')
    assert.include(html, '<span class="tag-sandbox">沙箱</span>')
    assert.include(html, '<svg class="qr"')
    assert.include(html, '<meta http-equiv="refresh" content="15"')
    assert.include(html, `href="/payments/${payment.id}"`)
    assert.include(html, '打开沙箱收银台')
    assert.include(html, `/payments/sandbox/${payment.id}?t=`)
    assert.include(html, '待支付')
    assert.include(html, '已启用“沙箱支付”，模拟支付不会真实扣款')
    assert.notInclude(html, 'weixin://')
  })

  test('an order the orders module will not let pay is refused with its reason', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id)
    orders.orders.get(orderNo)!.error = '订单已取消，无法支付'
    const response = await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'sandbox' })
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('error', '订单已取消，无法支付')
    assert.lengthOf(await Payment.query().where('order_no', orderNo), 0)
  })

  test('a method that is not offered, or none, is refused at the field', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id)
    const notOffered = await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'alipay' })
      .redirects(0)
    notOffered.assertFlashMessage('inputErrorsBag', { method: ['请选择可用的支付方式'] })
    const none = await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo })
      .redirects(0)
    none.assertFlashMessage('inputErrorsBag', { method: ['请选择支付方式'] })
    assert.lengthOf(await Payment.query().where('order_no', orderNo), 0)
  })

  test('another applicant cannot open, check or pay a payment, nor start one on the order (404)', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const stranger = await createUser()
    const orderNo = orders.add(owner.id)
    await asApplicant(client.post('/payments'), owner)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'bank_transfer' })
    const payment = await Payment.query().where('order_no', orderNo).firstOrFail()

    ;(await asApplicant(client.get(`/payments/${payment.id}`), stranger)).assertStatus(404)
    ;(
      await asApplicant(client.post(`/payments/${payment.id}/check`), stranger).withCsrfToken()
    ).assertStatus(404)
    ;(
      await asApplicant(client.post(`/payments/${payment.id}/voucher`), stranger)
        .withCsrfToken()
        .form({})
    ).assertStatus(404)
    const start = await asApplicant(client.post('/payments'), stranger)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'sandbox' })
      .redirects(0)
    start.assertFlashMessage('error', '订单不存在')
    assert.lengthOf(await Payment.query().where('order_no', orderNo), 1)
    ;(await asApplicant(client.get('/payments/not-a-uuid'), owner)).assertStatus(404)
  })

  test('a visitor is sent to the login page', async ({ client }) => {
    const response = await client.get('/payments/0b8f5f5e-8a45-4f38-9a77-0d1c2a3b4c5d').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('the method choice component lists the offered methods for the orders pages', async ({
    assert,
  }) => {
    const html = await edge
      .createRenderer()
      .share({
        csrfField: () => '<input type="hidden" name="_csrf" value="t">',
        flashMessages: { get: (_k: string, d?: unknown) => d, has: () => false },
        old: () => undefined,
      })
      .renderRaw(
        "@!component('payments/method_choice', { orderNo: '1234567890123456789', amountFen: 24000 })"
      )
    assert.include(html, 'action="/payments"')
    assert.include(html, 'name="order_no" value="1234567890123456789"')
    assert.include(html, '¥240.00')
    assert.include(html, 'value="sandbox" checked')
    assert.include(html, '沙箱支付（沙箱）')
    assert.include(html, '银行汇款（沙箱）')
    assert.include(html, '确认支付')
    assert.notInclude(html, '微信支付')
  })
})
