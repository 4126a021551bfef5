import { test } from '@japa/runner'
import nock from 'nock'
import { DateTime } from 'luxon'
import {
  WechatPayDriver,
  decryptWechatpayResource,
  parseWechatpayAuthorization,
  truncateUtf8,
  wechatpayAuthorization,
  wechatpayMessage,
} from '#payments/drivers/wechatpay'
import { GatewayError } from '#payments/drivers/contract'
import {
  WECHAT_BASE,
  WECHAT_VECTOR,
  keys,
  rsaVerify,
  wechatConfig,
  wechatNotification,
  wechatSignedHeaders,
  wechatTransaction,
} from '#tests/fixtures/payments/support'

/**
 * Verify a request's Authorization header the way WeChat Pay does: with
 * the merchant's public key over METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n.
 */
function verifyAuthorization(
  header: string | undefined,
  method: string,
  url: string,
  body: string
) {
  const fields = parseWechatpayAuthorization(header ?? '')
  if (!fields) return false
  if (fields.mchid !== WECHAT_VECTOR.config.mchId) return false
  if (fields.serial_no !== WECHAT_VECTOR.config.merchantSerialNo) return false
  if (
    !/^\d{10}$/.test(fields.timestamp) ||
    Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300
  )
    return false
  if (!/^[A-Za-z0-9]{16,32}$/.test(fields.nonce_str)) return false
  return rsaVerify(
    keys.merchantPublic,
    wechatpayMessage(method, url, fields.timestamp, fields.nonce_str, body),
    fields.signature
  )
}

test.group('WeChat Pay v3 · request signing', () => {
  test('the Authorization header is well formed and verifies with the merchant public key', ({
    assert,
  }) => {
    const body = '{"a":1}'
    const header = wechatpayAuthorization({
      mchId: '1900000109',
      serialNo: WECHAT_VECTOR.config.merchantSerialNo,
      privateKey: keys.merchantPrivate,
      method: 'POST',
      url: '/v3/pay/transactions/native',
      body,
      timestamp: '1554208460',
      nonce: '593BEC0C930BF1AFEB40B4A08C8FB242',
    })
    assert.match(
      header,
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",timestamp="1554208460",serial_no="[0-9A-F]+",signature="[A-Za-z0-9+/=]+"$/
    )
    const fields = parseWechatpayAuthorization(header)!
    const message =
      'POST\n/v3/pay/transactions/native\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n{"a":1}\n'
    assert.isTrue(rsaVerify(keys.merchantPublic, message, fields.signature))
    /* any change to the signed parts breaks it */
    assert.isFalse(
      rsaVerify(keys.merchantPublic, message.replace('{"a":1}', '{"a":2}'), fields.signature)
    )
    assert.isFalse(rsaVerify(keys.platformPublic, message, fields.signature))
  })

  test('descriptions are cut to 127 bytes without splitting a character', ({ assert }) => {
    const text = '数字证书'.repeat(20)
    const cut = truncateUtf8(text, 127)
    assert.isAtMost(Buffer.byteLength(cut), 127)
    assert.equal(cut.length, 42)
  })
})

test.group('WeChat Pay v3 · Native order', (group) => {
  group.each.teardown(() => nock.cleanAll())

  test('creates the order with a signed request and returns code_url from a verified answer', async ({
    assert,
  }) => {
    const driver = new WechatPayDriver(wechatConfig())
    let seen: any = null
    nock(WECHAT_BASE)
      .post('/v3/pay/transactions/native')
      .reply(async (request: Request) => {
        const body = await request.text()
        seen = JSON.parse(body)
        const ok = verifyAuthorization(
          request.headers.get('authorization')!,
          'POST',
          pathOf(request),
          body
        )
        if (!ok) return [401, { code: 'SIGN_ERROR', message: '签名错误' }]
        const answer = JSON.stringify({ code_url: 'weixin://wxpay/bizpayurl?pr=Fixture01' })
        return [200, answer, { 'Content-Type': 'application/json', ...wechatSignedHeaders(answer) }]
      })

    const expiresAt = DateTime.fromISO('2030-01-01T10:30:00Z')
    const result = await driver.createQr({
      paymentId: 'x',
      outTradeNo: '2030405060708090100',
      amountFen: 24000,
      subject: '个人数字证书（云证书）1年',
      expiresAt,
    })
    assert.equal(result.codeUrl, 'weixin://wxpay/bizpayurl?pr=Fixture01')
    assert.deepEqual(seen, {
      appid: WECHAT_VECTOR.config.appId,
      mchid: WECHAT_VECTOR.config.mchId,
      description: '个人数字证书（云证书）1年',
      out_trade_no: '2030405060708090100',
      time_expire: '2030-01-01T18:30:00+08:00',
      notify_url: 'https://certdesk.example.com/payments/notify/wechatpay',
      amount: { total: 24000, currency: 'CNY' },
    })
    assert.isTrue(nock.isDone())
  })

  test('an answer whose signature does not verify is not trusted', async ({ assert }) => {
    const driver = new WechatPayDriver(wechatConfig())
    const answer = JSON.stringify({ code_url: 'weixin://wxpay/bizpayurl?pr=Evil' })
    nock(WECHAT_BASE)
      .post('/v3/pay/transactions/native')
      .reply(200, answer, {
        'Content-Type': 'application/json',
        ...wechatSignedHeaders(answer, { privateKey: keys.merchantPrivate }),
      })
    await assert.rejects(
      () =>
        driver.createQr({
          paymentId: 'x',
          outTradeNo: '1',
          amountFen: 1,
          subject: 's',
          expiresAt: DateTime.utc().plus({ minutes: 30 }),
        }),
      /验签失败/
    )
  })

  test('a gateway error is reported in Chinese', async ({ assert }) => {
    const driver = new WechatPayDriver(wechatConfig())
    nock(WECHAT_BASE)
      .post('/v3/pay/transactions/native')
      .reply(400, { code: 'PARAM_ERROR', message: '参数错误' })
    try {
      await driver.createQr({
        paymentId: 'x',
        outTradeNo: '1',
        amountFen: 1,
        subject: 's',
        expiresAt: DateTime.utc().plus({ minutes: 30 }),
      })
      assert.fail('should throw')
    } catch (error) {
      assert.instanceOf(error, GatewayError)
      assert.equal((error as Error).message, '微信支付下单失败：参数错误')
    }
  })

  test('queries an order by out_trade_no and closes one', async ({ assert }) => {
    const driver = new WechatPayDriver(wechatConfig())
    const tx = JSON.stringify(
      wechatTransaction('2030405060708090101', 24000, { transaction_id: '4200000001' })
    )
    nock(WECHAT_BASE)
      .get('/v3/pay/transactions/out-trade-no/2030405060708090101')
      .query({ mchid: WECHAT_VECTOR.config.mchId })
      .reply(async (request: Request) => {
        if (!verifyAuthorization(request.headers.get('authorization')!, 'GET', pathOf(request), ''))
          return [401, {}]
        return [200, tx, { 'Content-Type': 'application/json', ...wechatSignedHeaders(tx) }]
      })
    const result = await driver.query('2030405060708090101')
    assert.equal(result.state, 'paid')
    assert.equal(result.amountFen, 24000)
    assert.equal(result.transactionId, '4200000001')

    const notPaid = JSON.stringify(
      wechatTransaction('2030405060708090102', 24000, {
        trade_state: 'NOTPAY',
        transaction_id: undefined,
      })
    )
    nock(WECHAT_BASE)
      .get('/v3/pay/transactions/out-trade-no/2030405060708090102')
      .query(true)
      .reply(200, notPaid, { 'Content-Type': 'application/json', ...wechatSignedHeaders(notPaid) })
    assert.equal((await driver.query('2030405060708090102')).state, 'pending')

    nock(WECHAT_BASE)
      .post('/v3/pay/transactions/out-trade-no/2030405060708090102/close', {
        mchid: WECHAT_VECTOR.config.mchId,
      })
      .reply(async (request: Request) => {
        if (
          !verifyAuthorization(
            request.headers.get('authorization')!,
            'POST',
            pathOf(request),
            await request.text()
          )
        )
          return [401, {}]
        return [204, '', wechatSignedHeaders('')]
      })
    await driver.close('2030405060708090102')
    assert.isTrue(nock.isDone())
  })
})

test.group('WeChat Pay v3 · notifications', () => {
  const at = (ms: number) => () => ms

  test('the recorded vector verifies and its resource decrypts (AEAD_AES_256_GCM)', async ({
    assert,
  }) => {
    const driver = new WechatPayDriver(wechatConfig(), at(WECHAT_VECTOR.receivedAt))
    const result = await driver.parseNotification({
      headers: WECHAT_VECTOR.headers,
      body: WECHAT_VECTOR.body,
    })
    assert.isNotNull(result)
    assert.equal(result!.outTradeNo, WECHAT_VECTOR.expected.out_trade_no)
    assert.equal(result!.state, 'paid')
    assert.equal(result!.amountFen, 24000)
    assert.equal(result!.transactionId, WECHAT_VECTOR.expected.transaction_id)
    assert.equal(result!.paidAt!.toISO(), '2025-01-01T02:00:05.000Z')
    assert.deepEqual((result!.data as any).transaction, WECHAT_VECTOR.expected)

    const resource = JSON.parse(WECHAT_VECTOR.body).resource
    assert.deepEqual(
      JSON.parse(decryptWechatpayResource(WECHAT_VECTOR.config.apiV3Key, resource)),
      WECHAT_VECTOR.expected
    )
    assert.throws(() => decryptWechatpayResource('X'.repeat(32), resource))
    assert.throws(() =>
      decryptWechatpayResource(WECHAT_VECTOR.config.apiV3Key, {
        ...resource,
        associated_data: 'other',
      })
    )
  })

  test('a forged signature is refused', async ({ assert }) => {
    const driver = new WechatPayDriver(wechatConfig(), at(WECHAT_VECTOR.receivedAt))
    const body = WECHAT_VECTOR.body.replace('"summary":"支付成功"', '"summary":"支付成功 "')
    await assert.rejects(
      () => driver.parseNotification({ headers: WECHAT_VECTOR.headers, body }),
      '签名验证失败'
    )
    const signedByOther = wechatNotification(WECHAT_VECTOR.expected, {
      privateKey: keys.merchantPrivate,
    })
    const now = new WechatPayDriver(wechatConfig())
    await assert.rejects(
      () =>
        now.parseNotification({ headers: lower(signedByOther.headers), body: signedByOther.body }),
      '签名验证失败'
    )
  })

  test('a notification for another platform serial, a probe or without headers is refused', async ({
    assert,
  }) => {
    const driver = new WechatPayDriver(wechatConfig())
    const n = wechatNotification(WECHAT_VECTOR.expected, { serial: 'PUB_KEY_ID_SOMEONE_ELSE' })
    await assert.rejects(
      () => driver.parseNotification({ headers: lower(n.headers), body: n.body }),
      '平台证书序列号不匹配'
    )
    const probe = wechatNotification(WECHAT_VECTOR.expected)
    const headers = { ...lower(probe.headers), 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' }
    await assert.rejects(
      () => driver.parseNotification({ headers, body: probe.body }),
      '签名探测请求'
    )
    await assert.rejects(
      () => driver.parseNotification({ headers: {}, body: probe.body }),
      '缺少微信支付签名'
    )
  })

  test('a stale timestamp is refused (replay)', async ({ assert }) => {
    const driver = new WechatPayDriver(wechatConfig())
    await assert.rejects(
      () => driver.parseNotification({ headers: WECHAT_VECTOR.headers, body: WECHAT_VECTOR.body }),
      '签名时间戳已过期'
    )
    const old = wechatNotification(WECHAT_VECTOR.expected, {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    })
    await assert.rejects(
      () => driver.parseNotification({ headers: lower(old.headers), body: old.body }),
      '签名时间戳已过期'
    )
  })

  test('a resource encrypted with another key, or for another merchant, is refused', async ({
    assert,
  }) => {
    const driver = new WechatPayDriver(wechatConfig())
    const wrongKey = wechatNotification(WECHAT_VECTOR.expected, { apiV3Key: 'Y'.repeat(32) })
    await assert.rejects(
      () => driver.parseNotification({ headers: lower(wrongKey.headers), body: wrongKey.body }),
      '通知资源解密失败'
    )
    const otherMerchant = wechatNotification({ ...WECHAT_VECTOR.expected, mchid: '1999999999' })
    await assert.rejects(
      () =>
        driver.parseNotification({
          headers: lower(otherMerchant.headers),
          body: otherMerchant.body,
        }),
      '商户号不匹配'
    )
  })

  test('answers with the documented JSON', ({ assert }) => {
    const driver = new WechatPayDriver(wechatConfig())
    assert.deepEqual(JSON.parse(driver.answer(true).body), { code: 'SUCCESS', message: '成功' })
    const fail = driver.answer(false, '签名验证失败', 401)
    assert.equal(fail.status, 401)
    assert.deepEqual(JSON.parse(fail.body), { code: 'FAIL', message: '签名验证失败' })
  })

  test('is not configured without a 32-byte APIv3 key or a loadable key', ({ assert }) => {
    assert.isTrue(new WechatPayDriver(wechatConfig()).isConfigured())
    assert.isFalse(new WechatPayDriver(wechatConfig({ apiV3Key: 'short' })).isConfigured())
    assert.isFalse(
      new WechatPayDriver(wechatConfig({ merchantPrivateKey: 'not a key' })).isConfigured()
    )
    assert.isFalse(new WechatPayDriver(wechatConfig({ mchId: '' })).isConfigured())
  })
})

function pathOf(request: Request) {
  const url = new URL(request.url)
  return url.pathname + url.search
}

function lower(headers: Record<string, string>) {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
}
