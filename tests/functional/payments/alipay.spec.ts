import { test } from '@japa/runner'
import nock from 'nock'
import AuditLog from '#core/audit/audit_log'
import Payment from '#payments/models/payment'
import { createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import {
  ALIPAY_GATEWAY,
  alipayAnswer,
  alipayNotifyBody,
  fakeOrders,
  installTestGateways,
  keys,
} from '#tests/fixtures/payments/support'

const gateway = new URL(ALIPAY_GATEWAY)

test.group('Payments · Alipay through HTTP', (group) => {
  let orders: ReturnType<typeof fakeOrders>
  group.each.setup(() => {
    const restore = installTestGateways(['alipay', 'sandbox'])
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
    nock(gateway.origin)
      .post(gateway.pathname)
      .reply(async (request: Request) => {
        const biz = JSON.parse(new URLSearchParams(await request.text()).get('biz_content')!)
        return [
          200,
          alipayAnswer('alipay.trade.precreate', {
            code: '10000',
            msg: 'Success',
            out_trade_no: biz.out_trade_no,
            qr_code: 'https://qr.alipay.com/bax0test',
          }),
        ]
      })
    await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: orderNo, method: 'alipay' })
    const payment = await Payment.query().where('order_no', orderNo).firstOrFail()
    return { user, orderNo, payment }
  }

  function notify(client: any, body: string) {
    return client
      .post('/payments/notify/alipay')
      .type('application/x-www-form-urlencoded; charset=utf-8')
      .unsafeForm(body)
  }

  test('the applicant sees the Alipay QR code of the precreated trade', async ({
    client,
    assert,
  }) => {
    const { user, payment } = await start(client)
    assert.equal(payment.codeUrl, 'https://qr.alipay.com/bax0test')
    const page = await asApplicant(client.get(`/payments/${payment.id}`), user)
    assert.include(page.text(), '支付宝')
    assert.include(page.text(), '请使用支付宝“扫一扫”扫描二维码完成支付')
    assert.include(page.text(), '<svg class="qr"')
  })

  test('a verified notification pays the order and is answered "success"; a repeat changes nothing', async ({
    client,
    assert,
  }) => {
    const { orderNo, payment } = await start(client)
    const body = alipayNotifyBody({
      out_trade_no: payment.outTradeNo,
      total_amount: '240.00',
      trade_no: '2025010122001400009999',
    })
    const response = await notify(client, body)
    response.assertStatus(200)
    assert.equal(response.text(), 'success')
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    assert.equal(payment.paidOrderNo, orderNo)
    assert.equal(payment.transactionId, '2025010122001400009999')
    assert.lengthOf(orders.succeeded, 1)

    const repeat = await notify(client, body)
    assert.equal(repeat.text(), 'success')
    const finished = await notify(
      client,
      alipayNotifyBody({
        out_trade_no: payment.outTradeNo,
        total_amount: '240.00',
        trade_status: 'TRADE_FINISHED',
      })
    )
    assert.equal(finished.text(), 'success')
    assert.lengthOf(orders.succeeded, 1)
    assert.lengthOf(
      await AuditLog.query().where('action', 'orders.payment.paid').where('subject_id', payment.id),
      1
    )
  })

  test('a forged notification is answered "fail", audited, and pays nothing', async ({
    client,
    assert,
  }) => {
    const { payment } = await start(client)
    const forged = alipayNotifyBody(
      { out_trade_no: payment.outTradeNo, total_amount: '240.00' },
      keys.alipayAppPrivate
    )
    const response = await notify(client, forged)
    response.assertStatus(401)
    assert.equal(response.text(), 'fail')
    const edited = alipayNotifyBody({
      out_trade_no: payment.outTradeNo,
      total_amount: '2.40',
    }).replace('total_amount=2.40', 'total_amount=240.00')
    assert.equal((await notify(client, edited)).text(), 'fail')
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    assert.lengthOf(orders.succeeded, 0)
    assert.isAtLeast(
      (await AuditLog.query().where('action', 'orders.payment.notify_refused')).length,
      2
    )
  })

  test('a mismatched amount is answered "fail" and audited', async ({ client, assert }) => {
    const { payment } = await start(client)
    const response = await notify(
      client,
      alipayNotifyBody({ out_trade_no: payment.outTradeNo, total_amount: '0.01' })
    )
    assert.equal(response.text(), 'fail')
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    const entry = await AuditLog.query()
      .where('action', 'orders.payment.notify_refused')
      .where('subject_id', payment.id)
      .firstOrFail()
    assert.containSubset(JSON.parse(entry.data!), {
      reason: 'amount_mismatch',
      reportedAmountFen: 1,
      expectedAmountFen: 24000,
    })
  })

  test('a closed trade closes the waiting attempt', async ({ client, assert }) => {
    const { payment } = await start(client)
    const response = await notify(
      client,
      alipayNotifyBody({
        out_trade_no: payment.outTradeNo,
        total_amount: '240.00',
        trade_status: 'TRADE_CLOSED',
      })
    )
    assert.equal(response.text(), 'success')
    await payment.refresh()
    assert.equal(payment.status, 'closed')
    assert.equal(payment.failureReason, '交易已关闭')
  })
})
