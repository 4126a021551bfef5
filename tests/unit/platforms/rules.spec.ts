import { test } from '@japa/runner'
import { createHmac } from 'node:crypto'
import {
  MAX_SKEW_SECONDS,
  NONCE_PATTERN,
  canonicalString,
  signRequest,
  signatureMatches,
  signedHeaders,
  timestampFresh,
} from '#platforms/services/signing'
import mutualRecognition, { parsePayload } from '#platforms/adapters/mutual_recognition/adapter'
import { CAPABILITIES, KIND_CAPABILITY, type SessionFacts } from '#platforms/adapters/contract'
import { PLATFORM_CODE } from '#platforms/actions/integrations'

/**
 * The rules of the integrator API's signature and of the 全国CA互认 QR.
 */
const facts = (over: Partial<SessionFacts> = {}): SessionFacts => ({
  id: 'a1',
  tid: 'ABCDEFGHIJK0123456789abcdef012345',
  kind: 'login',
  state: 'scanned',
  platformCode: 'ABCDEFGHIJK',
  platformName: '示例平台',
  scanUrl: 'http://127.0.0.1/platform-scan/x',
  baseUrl: 'http://127.0.0.1',
  result: null,
  error: null,
  ...over,
})

test.group('platforms · request signature', () => {
  test('the canonical string is METHOD, path with query, timestamp, nonce and body, one per line', ({
    assert,
  }) => {
    assert.equal(
      canonicalString(
        'post',
        '/api/platform/sessions?a=1',
        '1700000000',
        'n0nce-123',
        '{"type":"login"}'
      ),
      'POST\n/api/platform/sessions?a=1\n1700000000\nn0nce-123\n{"type":"login"}'
    )
    const expected = createHmac('sha256', 's3cret').update('GET\n/p\n1\nabcdefgh\n').digest('hex')
    assert.equal(signRequest('s3cret', 'GET', '/p', '1', 'abcdefgh', ''), expected)
  })

  test('any change of method, path, timestamp, nonce or body changes the signature', ({
    assert,
  }) => {
    const base = ['k', 'POST', '/p', '100', 'abcdefgh', '{}'] as const
    const sig = signRequest(...base)
    for (let i = 1; i < base.length; i++) {
      const changed = [...base] as string[]
      changed[i] = `${changed[i]}x`
      assert.notEqual(signRequest(...(changed as unknown as typeof base)), sig, `field ${i}`)
    }
    assert.isTrue(signatureMatches(sig, sig.toUpperCase()))
    assert.isFalse(signatureMatches(sig, 'zz'))
    assert.isFalse(signatureMatches(sig, sig.slice(0, 62)))
  })

  test('timestamps within ±300 s are fresh; nonces are 8–64 safe characters', ({ assert }) => {
    const now = 1_700_000_000_000
    assert.isTrue(timestampFresh(String(now / 1000 - MAX_SKEW_SECONDS), now))
    assert.isFalse(timestampFresh(String(now / 1000 - MAX_SKEW_SECONDS - 1), now))
    assert.isFalse(timestampFresh(String(now / 1000 + MAX_SKEW_SECONDS + 1), now))
    assert.isFalse(timestampFresh('17e8', now))
    assert.isTrue(NONCE_PATTERN.test('abcDEF12_-'))
    assert.isFalse(NONCE_PATTERN.test('short'))
    assert.isFalse(NONCE_PATTERN.test('has space in it'))
    const headers = signedHeaders(
      { appId: 'pk_x', secret: 'k' },
      'POST',
      '/p',
      '{}',
      'abcdefgh',
      now
    )
    assert.equal(headers['x-timestamp'], String(now / 1000))
    assert.equal(
      headers['x-signature'],
      signRequest('k', 'POST', '/p', headers['x-timestamp'], 'abcdefgh', '{}')
    )
  })

  test('系统标识码 is 11 letters or digits', ({ assert }) => {
    assert.isTrue(PLATFORM_CODE.test('ABCDEFGHIJK'))
    assert.isTrue(PLATFORM_CODE.test('DEMO0000001'))
    assert.isFalse(PLATFORM_CODE.test('ABCDEFGHIJ'))
    assert.isFalse(PLATFORM_CODE.test('ABCDEFGHIJKL'))
    assert.isFalse(PLATFORM_CODE.test('ABCDE-GHIJK'))
  })
})

test.group('platforms · 全国CA互认 adapter', () => {
  test('the QR is a URL whose base64 payload carries QRCodeType and TId; it reads back', ({
    assert,
  }) => {
    for (const [kind, type] of [
      ['login', '1'],
      ['sign', '2'],
      ['encrypt', '3'],
      ['decrypt', '4'],
      ['seal_sign', '5'],
      ['message_sign', '6'],
    ] as const) {
      const qr = mutualRecognition.hooks.qrContent!(facts({ kind }))
      const url = new URL(qr)
      assert.equal(url.pathname, '/platform-scan/qr')
      const payload = Buffer.from(url.searchParams.get('c')!, 'base64').toString('utf8')
      assert.deepInclude(parsePayload(payload), { QRCodeType: type, TId: facts().tid })
      assert.equal(mutualRecognition.hooks.tidFromQr!(url.searchParams.get('c')!), facts().tid)
    }
    assert.isNull(mutualRecognition.hooks.tidFromQr!(Buffer.from('nothing').toString('base64')))
  })

  test('callbacks: scan status 01, login user info 02', ({ assert }) => {
    assert.deepInclude(mutualRecognition.hooks.onScanned!(facts())!.body, {
      TId: facts().tid,
      type: '01',
    })
    const login = mutualRecognition.hooks.onFinished!(
      facts({ state: 'done', result: { certSn: 'ab' } })
    )!
    assert.equal(login.event, 'login')
    assert.deepInclude(login.body, { type: '02', userInfo: { certSn: 'ab' } })
    const aborted = mutualRecognition.hooks.onFinished!(
      facts({ state: 'aborted', error: '用户取消' })
    )!
    assert.equal(aborted.body.state, 'aborted')
  })

  test('every session kind needs a declared capability', ({ assert }) => {
    for (const capability of Object.values(KIND_CAPABILITY))
      assert.property(CAPABILITIES, capability)
  })
})
