import { test } from '@japa/runner'
import nock from 'nock'
import { createHmac } from 'node:crypto'
import smsConfig from '#config/sms'
import officeConfig from '#config/office'
import SmsMessage from '#core/sms/sms_message'
import sms, {
  SmsService,
  SmsDeliveryError,
  makeSmsDriver,
  registerSmsPurposes,
  smsPurposeLabel,
} from '#core/sms/sms_service'
import { HttpSmsDriver } from '#core/sms/drivers/http'
import { OutboxSmsDriver } from '#core/sms/drivers/outbox'
import verificationCodes from '#core/sms/verification_codes'
import { sandboxNotices } from '#core/sandbox'
import { uniquePhone } from '#tests/helpers/factories'

const PROVIDER = 'https://sms-gateway.example.test'
const config = {
  url: `${PROVIDER}/v1/send`,
  appId: 'certdesk-app',
  secret: 'provider-shared-secret',
  signName: '示例CA',
  timeoutMs: 2000,
}

/**
 * What the provider checks on every request: the app id, a fresh
 * timestamp, a nonce, and the HMAC over all of them and the raw body.
 */
function checkSignature(headers: Headers, body: string) {
  const h = (name: string) => String(headers.get(name))
  const expected = createHmac('sha256', config.secret)
    .update(`${h('x-app-id')}\n${h('x-timestamp')}\n${h('x-nonce')}\n${body}`)
    .digest('hex')
  return (
    h('x-app-id') === config.appId &&
    Math.abs(Date.now() / 1000 - Number(h('x-timestamp'))) < 300 &&
    /^[0-9a-f-]{36}$/.test(h('x-nonce')) &&
    h('x-signature') === expected &&
    h('content-type').startsWith('application/json')
  )
}

test.group('SMS: http driver (real provider, mocked with nock)', (group) => {
  group.each.teardown(() => nock.cleanAll())

  test("posts a signed JSON request and returns the provider's message id", async ({ assert }) => {
    const phone = uniquePhone()
    let received: any = null
    let signed = false
    const scope = nock(PROVIDER)
      .post('/v1/send')
      /* nock 15 hands the reply function the fetch Request */
      .reply(async (request: Request) => {
        const raw = await request.text()
        received = JSON.parse(raw)
        signed = checkSignature(request.headers, raw)
        return [200, { code: 0, message: 'OK', messageId: 'msg-20260501-0001' }]
      })
    const result = await new HttpSmsDriver(config).send(phone, '【示例CA】您的验证码为 123456')
    assert.isTrue(scope.isDone())
    assert.isTrue(signed, 'signature, app id, timestamp and nonce are right')
    assert.deepEqual(received, { phone, sign: '示例CA', content: '【示例CA】您的验证码为 123456' })
    assert.deepEqual(result, { providerMessageId: 'msg-20260501-0001' })
  })

  test('a request whose body was altered would not match its signature', ({ assert }) => {
    const signature = HttpSmsDriver.signature('s', 'a', '1', 'n', '{"phone":"13900000000"}')
    assert.notEqual(
      signature,
      HttpSmsDriver.signature('s', 'a', '1', 'n', '{"phone":"13900000001"}')
    )
    assert.notEqual(
      signature,
      HttpSmsDriver.signature('other', 'a', '1', 'n', '{"phone":"13900000000"}')
    )
  })

  test("a provider error becomes a delivery error with the provider's reason", async ({
    assert,
  }) => {
    nock(PROVIDER).post('/v1/send').reply(200, { code: 4001, message: '签名未报备' })
    await assert.rejects(
      () => new HttpSmsDriver(config).send(uniquePhone(), 'x'),
      '短信发送失败：签名未报备'
    )
    nock(PROVIDER).post('/v1/send').reply(503, 'Service Unavailable')
    await assert.rejects(
      () => new HttpSmsDriver(config).send(uniquePhone(), 'x'),
      '短信发送失败：HTTP 503'
    )
    nock(PROVIDER).post('/v1/send').reply(500, { code: 0 })
    await assert.rejects(
      () => new HttpSmsDriver(config).send(uniquePhone(), 'x'),
      '短信发送失败：HTTP 500'
    )
  })

  test('a network error or a timeout becomes a delivery error', async ({ assert }) => {
    nock(PROVIDER).post('/v1/send').replyWithError('connect ECONNREFUSED')
    try {
      await new HttpSmsDriver(config).send(uniquePhone(), 'x')
      assert.fail('should have thrown')
    } catch (error) {
      assert.instanceOf(error, SmsDeliveryError)
      assert.match((error as Error).message, /^短信网关连接失败：/)
    }
    /* a provider that answers after the timeout */
    nock(PROVIDER)
      .post('/v1/send')
      .reply(async () => {
        await new Promise((resolve) => setTimeout(resolve, 500))
        return [200, { code: 0 }]
      })
    await assert.rejects(
      () => new HttpSmsDriver({ ...config, timeoutMs: 50 }).send(uniquePhone(), 'x'),
      /^短信网关连接失败：/
    )
    /* one that sends its headers in time but not its body */
  })

  test('an unconfigured gateway refuses before any request', async ({ assert }) => {
    await assert.rejects(
      () => new HttpSmsDriver({ ...config, url: '' }).send(uniquePhone(), 'x'),
      '短信网关未配置（SMS_HTTP_URL / SMS_HTTP_APP_ID / SMS_HTTP_SECRET）'
    )
  })

  test('through the SMS service: the record keeps the masked text, the status and the provider id', async ({
    assert,
  }) => {
    const service = new SmsService(new HttpSmsDriver(config))
    assert.isFalse(service.sandbox)
    const phone = uniquePhone()
    nock(PROVIDER).post('/v1/send').reply(200, { code: 0, messageId: 'p-1' })
    const record = await service.send(phone, '您的验证码为 654321', 'code:login', {
      logContent: '您的验证码为 ******',
    })
    assert.equal(record.status, 'sent')
    assert.equal(record.driver, 'http')
    assert.equal(record.providerMessageId, 'p-1')
    assert.equal(record.content, `【${smsConfig.signName}】您的验证码为 ******`)

    nock(PROVIDER).post('/v1/send').reply(200, { code: 1, message: '余额不足' })
    await assert.rejects(
      () =>
        service.send(phone, '您的验证码为 111111', 'code:login', {
          logContent: '您的验证码为 ******',
        }),
      '短信发送失败：余额不足'
    )
    const failed = await SmsMessage.query()
      .where('phone', phone)
      .where('status', 'failed')
      .firstOrFail()
    assert.equal(failed.error, '短信发送失败：余额不足')
    assert.notInclude(failed.content, '111111')
  })

  test('with a real gateway a verification code reaches the phone but is stored nowhere in clear', async ({
    assert,
    cleanup,
  }) => {
    const original = sms.driver
    sms.driver = new HttpSmsDriver(config)
    cleanup(() => {
      sms.driver = original
    })
    const phone = uniquePhone()
    let code = ''
    nock(PROVIDER)
      .post('/v1/send')
      .reply(async (request: Request) => {
        code = JSON.parse(await request.text()).content.match(/(\d{6})/)[1]
        return [200, { code: 0, messageId: 'p-2' }]
      })
    assert.isTrue((await verificationCodes.send(phone, 'login', null)).ok)
    assert.match(code, /^\d{6}$/)
    const record = await SmsMessage.findByOrFail('phone', phone)
    assert.include(record.content, '******')
    assert.notInclude(record.content, code)
    assert.isTrue((await verificationCodes.verify(phone, 'login', code)).ok)
  })

  test('a code that cannot be delivered tells the user to try again', async ({
    assert,
    cleanup,
  }) => {
    const original = sms.driver
    sms.driver = new HttpSmsDriver(config)
    cleanup(() => {
      sms.driver = original
    })
    nock(PROVIDER).post('/v1/send').replyWithError('socket hang up')
    assert.deepEqual(await verificationCodes.send(uniquePhone(), 'login', null), {
      ok: false,
      message: '短信发送失败，请稍后重试',
    })
  })
})

test.group('SMS: outbox driver (sandbox)', () => {
  test('keeps the whole message, code included, and sends nothing anywhere', async ({ assert }) => {
    const driver = new OutboxSmsDriver()
    assert.equal(driver.name, 'outbox')
    assert.isTrue(driver.sandbox)
    assert.deepEqual(await driver.send(), { providerMessageId: null })

    const service = new SmsService(driver)
    const phone = uniquePhone()
    const record = await service.send(phone, '您的验证码为 246810', 'code:register', {
      logContent: '您的验证码为 ******',
    })
    assert.equal(record.content, `【${smsConfig.signName}】您的验证码为 246810`)
    assert.equal(record.status, 'sent')
    assert.equal(record.driver, 'outbox')
    const stored = await SmsMessage.findByOrFail('phone', phone)
    assert.equal(stored.content, record.content)
  })

  test('every SMS is signed with the office name the site shows, not the product name', ({
    assert,
  }) => {
    assert.equal(smsConfig.signName, officeConfig.shortName)
    assert.notInclude(smsConfig.signName, 'CertDesk')
  })

  test('is the default in tests and shows the sandbox banner text', ({ assert }) => {
    assert.equal(makeSmsDriver().name, 'outbox')
    assert.equal(makeSmsDriver('http').name, 'http')
    assert.isTrue(sms.sandbox)
    assert.isTrue(sandboxNotices().some((n) => n.includes('短信发件箱')))
  })

  test('purposes other than codes carry labels their modules register', ({ assert }) => {
    registerSmsPurposes({ 'core.test.notice': '测试通知' })
    assert.equal(smsPurposeLabel('core.test.notice'), '测试通知')
    assert.equal(smsPurposeLabel('core.test.unknown'), '其他通知')
  })
})
