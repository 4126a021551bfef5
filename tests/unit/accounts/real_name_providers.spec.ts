import { test } from '@japa/runner'
import nock from 'nock'
import {
  SandboxBankCardProvider,
  SandboxOperatorProvider,
  SandboxRealNameProvider,
} from '#accounts/realname/providers/sandbox'
import {
  HttpBankCardProvider,
  HttpOperatorProvider,
  HttpRealNameProvider,
} from '#accounts/realname/providers/http'
import { HttpFaceProvider } from '#accounts/realname/providers/http_face'
import { SandboxFaceProvider } from '#accounts/realname/providers/sandbox_face'
import { faceCallbackBody } from '#accounts/realname/providers/face_callback'
import { CallbackRejected, RealNameProviderError } from '#accounts/realname/providers/contract'
import { signJsonRequest, signedJsonHeaders } from '#core/signed_json'

const config = {
  url: 'https://idcheck.example.com/api/verify',
  appId: 'app-1',
  secret: 's3cret',
  timeoutMs: 2000,
}

test.group('Real-name providers', () => {
  test('the sandbox is deterministic: 999 mismatches, 998 is unknown, others match', async ({
    assert,
  }) => {
    const sandbox = new SandboxRealNameProvider()
    assert.deepEqual(await sandbox.check({ name: '王小明', idNumber: '110105199003071234' }), {
      result: 'match',
    })
    assert.equal(
      (await sandbox.check({ name: '王小明', idNumber: '11010519900307999X' })).result,
      'mismatch'
    )
    assert.equal(
      (await sandbox.check({ name: '王小明', idNumber: '110105199003079982' })).result,
      'not_found'
    )
  })

  test('the http driver signs its request and maps the answer', async ({ assert }) => {
    const headers: Record<string, string> = {}
    const capture = (name: string) => (value: string | null) => {
      headers[name] = value ?? ''
      return true
    }
    let body = ''
    nock('https://idcheck.example.com', {
      reqheaders: {
        'x-app-id': capture('x-app-id'),
        'x-timestamp': capture('x-timestamp'),
        'x-nonce': capture('x-nonce'),
        'x-signature': capture('x-signature'),
      },
    })
      .post('/api/verify', (sent) => {
        body = JSON.stringify(sent)
        return sent.name === '王小明' && sent.idNumber === '110105199003071234'
      })
      .reply(200, { code: 0, result: 'mismatch', message: '姓名与身份证号不一致' })
    const verdict = await new HttpRealNameProvider(config).check({
      name: '王小明',
      idNumber: '110105199003071234',
    })
    assert.deepEqual(verdict, { result: 'mismatch', message: '姓名与身份证号不一致' })
    const expected = HttpRealNameProvider.signature(
      config.secret,
      config.appId,
      headers['x-timestamp'],
      headers['x-nonce'],
      body
    )
    assert.equal(headers['x-signature'], expected)
    assert.equal(headers['x-app-id'], 'app-1')
  })

  test('provider errors and outages become a provider error, never a verdict', async ({
    assert,
  }) => {
    nock('https://idcheck.example.com')
      .post('/api/verify')
      .reply(200, { code: 1001, message: '余额不足' })
    await assert.rejects(
      () =>
        new HttpRealNameProvider(config).check({ name: '王小明', idNumber: '110105199003071234' }),
      RealNameProviderError
    )
    nock('https://idcheck.example.com').post('/api/verify').replyWithError('connect ECONNREFUSED')
    await assert.rejects(
      () =>
        new HttpRealNameProvider(config).check({ name: '王小明', idNumber: '110105199003071234' }),
      RealNameProviderError
    )
  })
})

test.group('Real-name providers · 银行卡四要素 and 运营商三要素', () => {
  test('the sandboxes are deterministic: 0000 at the end of the card or phone mismatches', async ({
    assert,
  }) => {
    const person = { name: '王小明', idNumber: '110105199003071234' }
    const card = new SandboxBankCardProvider()
    assert.deepEqual(
      await card.check({ ...person, cardNumber: '6222021234567890128', phone: '13800138000' }),
      { result: 'match' }
    )
    assert.deepEqual(
      await card.check({ ...person, cardNumber: '6222021234520000', phone: '13800138000' }),
      { result: 'mismatch', message: '银行卡信息与身份信息不一致' }
    )
    const operator = new SandboxOperatorProvider()
    assert.deepEqual(await operator.check({ ...person, phone: '13800138001' }), {
      result: 'match',
    })
    assert.equal((await operator.check({ ...person, phone: '13800130000' })).result, 'mismatch')
    assert.equal(
      (await operator.check({ ...person, idNumber: '110105199003079982', phone: '13800138001' }))
        .result,
      'not_found'
    )
    assert.isTrue(card.sandbox && operator.sandbox)
    assert.include(card.rules, '沙箱规则')
  })

  test('the bank card driver posts the four elements signed, and maps the answer', async ({
    assert,
  }) => {
    let sent: any = null
    let signature = ''
    nock('https://idcheck.example.com', {
      reqheaders: { 'x-signature': (value: string | null) => ((signature = value ?? ''), true) },
    })
      .post('/api/bank-card', (body) => ((sent = body), true))
      .reply(200, { code: 0, result: 'mismatch' })
    const provider = new HttpBankCardProvider({
      ...config,
      url: 'https://idcheck.example.com/api/bank-card',
    })
    const verdict = await provider.check({
      name: '王小明',
      idNumber: '110105199003071234',
      cardNumber: '6222021234567890128',
      phone: '13800138000',
    })
    assert.deepEqual(verdict, { result: 'mismatch', message: '银行卡信息与身份信息不一致' })
    assert.deepEqual(sent, {
      name: '王小明',
      idNumber: '110105199003071234',
      cardNumber: '6222021234567890128',
      phone: '13800138000',
    })
    assert.match(signature, /^[0-9a-f]{64}$/)

    nock('https://idcheck.example.com')
      .post('/api/bank-card')
      .reply(200, { code: 0, result: 'match' })
    assert.deepEqual(
      await provider.check({
        name: '王小明',
        idNumber: '110105199003071234',
        cardNumber: '6222021234567890128',
        phone: '13800138000',
      }),
      { result: 'match' }
    )
  })

  test('the operator driver posts the three elements; outages and odd answers are provider errors', async ({
    assert,
  }) => {
    const provider = new HttpOperatorProvider({
      ...config,
      url: 'https://idcheck.example.com/api/operator',
    })
    const input = { name: '王小明', idNumber: '110105199003071234', phone: '13800138000' }
    nock('https://idcheck.example.com')
      .post('/api/operator', {
        name: '王小明',
        idNumber: '110105199003071234',
        phone: '13800138000',
      })
      .reply(200, { code: 0, result: 'not_found', message: '查无此号' })
    assert.deepEqual(await provider.check(input), { result: 'not_found', message: '查无此号' })

    nock('https://idcheck.example.com')
      .post('/api/operator')
      .reply(200, { code: 0, result: 'maybe' })
    await assert.rejects(() => provider.check(input), RealNameProviderError)
    nock('https://idcheck.example.com').post('/api/operator').reply(500, 'oops')
    await assert.rejects(() => provider.check(input), RealNameProviderError)
    nock('https://idcheck.example.com').post('/api/operator').replyWithError('socket hang up')
    await assert.rejects(() => provider.check(input), /运营商三要素核验服务连接失败/)
    await assert.rejects(
      () => new HttpOperatorProvider({ ...config, url: '' }).check(input),
      /运营商三要素核验服务未配置/
    )
  })
})

test.group('Real-name providers · 人脸识别', () => {
  const faceConfig = {
    url: 'https://face.example.com/api/sessions',
    appId: 'certdesk',
    secret: 'face-secret',
    timeoutMs: 2000,
    maxClockSkewSeconds: 300,
  }
  const start = {
    requestId: '9b2f6c1e-3f51-4f1a-9d44-0b7f1f1f1f1f',
    name: '王小明',
    idNumber: '110105199003071234',
    notifyUrl: 'https://certdesk.example.com/realname/callback/face',
    returnUrl: 'https://certdesk.example.com/realname/face/done',
  }

  test('the http driver starts a signed session and returns the H5 page', async ({ assert }) => {
    const headers: Record<string, string> = {}
    let body = ''
    nock('https://face.example.com', {
      reqheaders: {
        'x-app-id': (v: string | null) => ((headers.appId = v ?? ''), true),
        'x-timestamp': (v: string | null) => ((headers.timestamp = v ?? ''), true),
        'x-nonce': (v: string | null) => ((headers.nonce = v ?? ''), true),
        'x-signature': (v: string | null) => ((headers.signature = v ?? ''), true),
      },
    })
      .post('/api/sessions', (sent) => ((body = JSON.stringify(sent)), true))
      .reply(200, { code: 0, bizToken: 'biz-1', h5Url: 'https://face.example.com/h5/biz-1' })
    const session = await new HttpFaceProvider(faceConfig).start(start)
    assert.deepEqual(session, { providerRef: 'biz-1', h5Url: 'https://face.example.com/h5/biz-1' })
    assert.deepEqual(JSON.parse(body), {
      outId: start.requestId,
      name: '王小明',
      idNumber: '110105199003071234',
      notifyUrl: start.notifyUrl,
      returnUrl: start.returnUrl,
    })
    assert.equal(
      headers.signature,
      signJsonRequest('face-secret', 'certdesk', headers.timestamp, headers.nonce, body)
    )
  })

  test('the http driver refuses answers without a session or a page, and outages', async ({
    assert,
  }) => {
    const provider = new HttpFaceProvider(faceConfig)
    nock('https://face.example.com').post('/api/sessions').reply(200, { code: 0, bizToken: 'b' })
    await assert.rejects(() => provider.start(start), /无法识别的结果/)
    nock('https://face.example.com')
      .post('/api/sessions')
      .reply(200, { code: 0, bizToken: 'b', h5Url: 'javascript:alert(1)' })
    await assert.rejects(() => provider.start(start), RealNameProviderError)
    nock('https://face.example.com').post('/api/sessions').replyWithError('ECONNRESET')
    await assert.rejects(() => provider.start(start), /人脸识别服务连接失败/)
  })

  test('callbacks: a good signature is read; a bad, stale, foreign or malformed one is rejected', ({
    assert,
  }) => {
    const provider = new HttpFaceProvider(faceConfig)
    const body = faceCallbackBody({
      requestId: start.requestId,
      providerRef: 'biz-1',
      passed: false,
      message: '非本人操作',
    })
    const headers = signedJsonHeaders(faceConfig, body)
    assert.deepEqual(provider.parseCallback({ headers, body }), {
      requestId: start.requestId,
      providerRef: 'biz-1',
      passed: false,
      message: '非本人操作',
    })
    const rejected = (callback: { headers: Record<string, string | undefined>; body: string }) => {
      try {
        provider.parseCallback(callback)
        return null
      } catch (error) {
        assert.instanceOf(error, CallbackRejected)
        return (error as CallbackRejected).reason
      }
    }
    assert.equal(
      rejected({ headers, body: body.replace('非本人操作', '通过') }),
      '回调签名验证失败'
    )
    assert.equal(
      rejected({ headers: { ...headers, 'x-signature': undefined }, body }),
      '回调缺少签名'
    )
    const stale = signedJsonHeaders(faceConfig, body, Date.now() - 3600_000)
    assert.equal(rejected({ headers: stale, body }), '回调签名时间戳已过期')
    const foreign = signedJsonHeaders({ appId: 'someone', secret: 'face-secret' }, body)
    assert.equal(rejected({ headers: foreign, body }), '回调签名验证失败')
    const incomplete = JSON.stringify({ bizToken: 'biz-1', result: 'pass' })
    assert.equal(
      rejected({ headers: signedJsonHeaders(faceConfig, incomplete), body: incomplete }),
      '回调内容不完整'
    )
  })

  test('the sandbox signs its callbacks with its own secret, which the http driver does not accept', async ({
    assert,
  }) => {
    const sandbox = new SandboxFaceProvider({
      appKey: 'test-key',
      maxClockSkewSeconds: 300,
      pagePath: (token) => `/realname/sandbox/face/${token}`,
    })
    const session = await sandbox.start(start)
    assert.match(session.providerRef, /^[A-Za-z0-9_-]{32}$/)
    assert.equal(session.h5Url, `/realname/sandbox/face/${session.providerRef}`)
    const callback = sandbox.buildCallback(
      { requestId: start.requestId, providerRef: session.providerRef },
      true
    )
    assert.deepInclude(sandbox.parseCallback(callback), { passed: true })
    assert.throws(
      () => new HttpFaceProvider(faceConfig).parseCallback(callback),
      '回调签名验证失败'
    )
  })
})
