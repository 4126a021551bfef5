import { test } from '@japa/runner'
import nock from 'nock'
import { DateTime } from 'luxon'
import { AlipayDriver, alipaySignContent, extractSignedContent } from '#payments/drivers/alipay'
import { NotificationRejected } from '#payments/drivers/contract'
import {
  ALIPAY_GATEWAY,
  ALIPAY_VECTOR,
  alipayAnswer,
  alipayConfig,
  alipayNotifyBody,
  keys,
  rsaVerify,
} from '#tests/fixtures/payments/support'

const gatewayUrl = new URL(ALIPAY_GATEWAY)

/**
 * What Alipay checks on a request: sign over every parameter but sign,
 * sorted, with the application's public key.
 */
function verifyRequest(form: URLSearchParams) {
  const params = Object.fromEntries(form.entries())
  return rsaVerify(keys.alipayAppPublic, alipaySignContent(params, ['sign']), params.sign ?? '')
}

test.group('Alipay · signing', () => {
  test('the signed string is the sorted non-empty parameters without sign (and sign_type for notifications)', ({
    assert,
  }) => {
    const params = { b: '2', a: '1', sign: 'x', sign_type: 'RSA2', empty: '', c: '中文 值' }
    assert.equal(alipaySignContent(params), 'a=1&b=2&c=中文 值&sign_type=RSA2')
    assert.equal(alipaySignContent(params, ['sign', 'sign_type']), 'a=1&b=2&c=中文 值')
  })

  test('the signed part of an answer is cut from the raw text, braces in strings included', ({
    assert,
  }) => {
    const raw =
      '{"alipay_trade_precreate_response" : {"code":"10000","msg":"a}b{\\"c","n":{"x":1}},"sign":"s"}'
    assert.equal(
      extractSignedContent(raw, 'alipay_trade_precreate_response'),
      '{"code":"10000","msg":"a}b{\\"c","n":{"x":1}}'
    )
    assert.isNull(extractSignedContent(raw, 'alipay_trade_query_response'))
  })
})

test.group('Alipay · 当面付 precreate', (group) => {
  group.each.teardown(() => nock.cleanAll())

  test('posts a signed alipay.trade.precreate and returns the verified qr_code', async ({
    assert,
  }) => {
    const now = Date.UTC(2030, 0, 1, 2, 0, 0)
    const driver = new AlipayDriver(alipayConfig(), () => now)
    let seen: Record<string, string> = {}
    nock(gatewayUrl.origin)
      .post(gatewayUrl.pathname)
      .reply(async (request: Request) => {
        const form = new URLSearchParams(await request.text())
        seen = Object.fromEntries(form.entries())
        if (!verifyRequest(form))
          return [
            200,
            '{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-signature"}}',
          ]
        const biz = JSON.parse(form.get('biz_content')!)
        return [
          200,
          alipayAnswer('alipay.trade.precreate', {
            code: '10000',
            msg: 'Success',
            out_trade_no: biz.out_trade_no,
            qr_code: 'https://qr.alipay.com/bax0fixture',
          }),
          { 'Content-Type': 'text/html;charset=utf-8' },
        ]
      })
    const result = await driver.createQr({
      paymentId: 'x',
      outTradeNo: '2030405060708090200',
      amountFen: 24000,
      subject: '个人数字证书（云证书）1年',
      expiresAt: DateTime.fromMillis(now).plus({ minutes: 30 }),
    })
    assert.equal(result.codeUrl, 'https://qr.alipay.com/bax0fixture')
    assert.equal(seen.method, 'alipay.trade.precreate')
    assert.equal(seen.app_id, ALIPAY_VECTOR.config.appId)
    assert.equal(seen.sign_type, 'RSA2')
    assert.equal(seen.charset, 'utf-8')
    assert.equal(seen.timestamp, '2030-01-01 10:00:00')
    assert.equal(seen.notify_url, 'https://certdesk.example.com/payments/notify/alipay')
    assert.deepEqual(JSON.parse(seen.biz_content), {
      out_trade_no: '2030405060708090200',
      total_amount: '240.00',
      subject: '个人数字证书（云证书）1年',
      timeout_express: '30m',
    })
  })

  test('amounts are sent as exact yuan strings', async ({ assert }) => {
    const driver = new AlipayDriver(alipayConfig())
    const amounts: string[] = []
    nock(gatewayUrl.origin)
      .post(gatewayUrl.pathname)
      .times(3)
      .reply(async (request: Request) => {
        const form = new URLSearchParams(await request.text())
        const biz = JSON.parse(form.get('biz_content')!)
        amounts.push(biz.total_amount)
        return [
          200,
          alipayAnswer('alipay.trade.precreate', {
            code: '10000',
            msg: 'Success',
            out_trade_no: biz.out_trade_no,
            qr_code: 'q',
          }),
        ]
      })
    for (const fen of [1, 10, 12345678]) {
      await driver.createQr({
        paymentId: 'x',
        outTradeNo: `1${fen}`,
        amountFen: fen,
        subject: 's',
        expiresAt: DateTime.utc().plus({ minutes: 30 }),
      })
    }
    assert.deepEqual(amounts, ['0.01', '0.10', '123456.78'])
  })

  test('an answer with a bad signature is refused', async ({ assert }) => {
    const driver = new AlipayDriver(alipayConfig())
    nock(gatewayUrl.origin)
      .post(gatewayUrl.pathname)
      .reply(
        200,
        alipayAnswer(
          'alipay.trade.precreate',
          { code: '10000', msg: 'Success', qr_code: 'https://evil' },
          keys.alipayAppPrivate
        )
      )
    await assert.rejects(
      () =>
        driver.createQr({
          paymentId: 'x',
          outTradeNo: '1',
          amountFen: 1,
          subject: 's',
          expiresAt: DateTime.utc().plus({ minutes: 30 }),
        }),
      '支付宝应答验签失败'
    )
  })

  test('a business error is reported in Chinese', async ({ assert }) => {
    const driver = new AlipayDriver(alipayConfig())
    nock(gatewayUrl.origin)
      .post(gatewayUrl.pathname)
      .reply(
        200,
        alipayAnswer('alipay.trade.precreate', {
          code: '40004',
          msg: 'Business Failed',
          sub_code: 'ACQ.TRADE_HAS_CLOSE',
          sub_msg: '交易已经关闭',
        })
      )
    await assert.rejects(
      () =>
        driver.createQr({
          paymentId: 'x',
          outTradeNo: '1',
          amountFen: 1,
          subject: 's',
          expiresAt: DateTime.utc().plus({ minutes: 30 }),
        }),
      '支付宝下单失败：交易已经关闭'
    )
  })

  test('queries a trade', async ({ assert }) => {
    const driver = new AlipayDriver(alipayConfig())
    nock(gatewayUrl.origin)
      .post(gatewayUrl.pathname)
      .reply(async (request: Request) => {
        const form = new URLSearchParams(await request.text())
        if (!verifyRequest(form) || form.get('method') !== 'alipay.trade.query') return [400, '']
        return [
          200,
          alipayAnswer('alipay.trade.query', {
            code: '10000',
            msg: 'Success',
            out_trade_no: '2030405060708090201',
            trade_no: '2030010122001400001',
            trade_status: 'TRADE_SUCCESS',
            total_amount: '240.00',
            send_pay_date: '2030-01-01 10:01:02',
          }),
        ]
      })
    const result = await driver.query('2030405060708090201')
    assert.equal(result.state, 'paid')
    assert.equal(result.amountFen, 24000)
    assert.equal(result.paidAt!.toISO(), '2030-01-01T02:01:02.000Z')
  })
})

test.group('Alipay · notifications', () => {
  test('the recorded notification verifies', async ({ assert }) => {
    const driver = new AlipayDriver(alipayConfig())
    const result = await driver.parseNotification({ headers: {}, body: ALIPAY_VECTOR.body })
    assert.equal(result!.state, 'paid')
    assert.equal(result!.outTradeNo, ALIPAY_VECTOR.expected.out_trade_no)
    assert.equal(result!.amountFen, 24000)
    assert.equal(result!.transactionId, ALIPAY_VECTOR.expected.trade_no)
    assert.equal(result!.paidAt!.toISO(), '2025-01-01T02:00:05.000Z')
    assert.notProperty(result!.data, 'sign')
  })

  test('a tampered amount, another app id, another seller or a foreign key is refused', async ({
    assert,
  }) => {
    const driver = new AlipayDriver(alipayConfig())
    const tampered = ALIPAY_VECTOR.body.replace('total_amount=240.00', 'total_amount=2.40')
    await assert.rejects(
      () => driver.parseNotification({ headers: {}, body: tampered }),
      '签名验证失败'
    )
    const otherApp = alipayNotifyBody({
      out_trade_no: '1',
      total_amount: '1.00',
      app_id: '2021999999999999',
    })
    await assert.rejects(
      () => driver.parseNotification({ headers: {}, body: otherApp }),
      '应用 ID 不匹配'
    )
    const otherSeller = alipayNotifyBody({
      out_trade_no: '1',
      total_amount: '1.00',
      seller_id: '2088999999999999',
    })
    await assert.rejects(
      () => driver.parseNotification({ headers: {}, body: otherSeller }),
      '收款账号不匹配'
    )
    const foreign = alipayNotifyBody(
      { out_trade_no: '1', total_amount: '1.00' },
      keys.alipayAppPrivate
    )
    await assert.rejects(
      () => driver.parseNotification({ headers: {}, body: foreign }),
      '签名验证失败'
    )
    await assert.rejects(
      () => driver.parseNotification({ headers: {}, body: 'out_trade_no=1' }),
      '缺少签名'
    )
    const error = await driver.parseNotification({ headers: {}, body: tampered }).catch((e) => e)
    assert.instanceOf(error, NotificationRejected)
  })

  test('maps trade statuses and answers success / fail', async ({ assert }) => {
    const driver = new AlipayDriver(alipayConfig())
    const states: Record<string, string> = {}
    for (const status of ['TRADE_SUCCESS', 'TRADE_FINISHED', 'WAIT_BUYER_PAY', 'TRADE_CLOSED']) {
      const result = await driver.parseNotification({
        headers: {},
        body: alipayNotifyBody({ out_trade_no: '1', total_amount: '1.00', trade_status: status }),
      })
      states[status] = result!.state
    }
    assert.deepEqual(states, {
      TRADE_SUCCESS: 'paid',
      TRADE_FINISHED: 'paid',
      WAIT_BUYER_PAY: 'pending',
      TRADE_CLOSED: 'closed',
    })
    assert.equal(driver.answer(true).body, 'success')
    assert.equal(driver.answer(false).body, 'fail')
  })
})
