import { test } from '@japa/runner'
import nock from 'nock'
import { SandboxRealNameProvider } from '#accounts/realname/providers/sandbox'
import { HttpRealNameProvider } from '#accounts/realname/providers/http'
import { RealNameProviderError } from '#accounts/realname/providers/contract'

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
