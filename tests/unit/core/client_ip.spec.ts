import { test } from '@japa/runner'
import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import testUtils from '@adonisjs/core/services/test_utils'

/**
 * A request arriving from `remoteAddress` with the given headers, as the
 * app's HTTP config (trustProxy) reads it.
 */
async function clientIp(remoteAddress: string, headers: Record<string, string> = {}) {
  const socket = new Socket()
  Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress })
  const req = new IncomingMessage(socket)
  req.headers = { host: 'localhost', ...headers }
  const ctx = await testUtils.createHttpContext({ req })
  return ctx.request.ip()
}

/**
 * Every per-IP limit (SMS codes, login attempts) and every audit entry
 * relies on request.ip(): a client must not choose it with a header.
 */
test.group('Client IP address', () => {
  test('X-Forwarded-For from a client on the internet is ignored', async ({ assert }) => {
    assert.equal(
      await clientIp('203.0.113.7', { 'x-forwarded-for': '198.51.100.1' }),
      '203.0.113.7'
    )
    assert.equal(
      await clientIp('203.0.113.7', { 'x-forwarded-for': '10.0.0.1, 198.51.100.1' }),
      '203.0.113.7'
    )
  })

  test('a reverse proxy on the same machine passes the client address on', async ({ assert }) => {
    assert.equal(await clientIp('127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }), '198.51.100.1')
    assert.equal(await clientIp('::1', { 'x-forwarded-for': '198.51.100.2' }), '198.51.100.2')
    assert.equal(
      await clientIp('::ffff:127.0.0.1', { 'x-forwarded-for': '198.51.100.3' }),
      '198.51.100.3'
    )
  })

  test('a forged hop in front of the proxy does not win', async ({ assert }) => {
    // nginx appends the real client: "forged, real"
    assert.equal(
      await clientIp('127.0.0.1', { 'x-forwarded-for': '10.9.9.9, 198.51.100.4' }),
      '198.51.100.4'
    )
  })

  test('without a proxy header the socket address is the client', async ({ assert }) => {
    assert.equal(await clientIp('198.51.100.5'), '198.51.100.5')
  })
})
