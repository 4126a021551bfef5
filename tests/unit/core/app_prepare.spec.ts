import { test } from '@japa/runner'
import { readyAddresses } from '#core/commands/app_prepare'

/**
 * What `npm start` prints: the address the server really listens on.
 */
test.group('npm start · the printed address', () => {
  test('PORT=3472 npm start prints port 3472, and APP_URL as the public address', ({ assert }) => {
    assert.deepEqual(
      readyAddresses({ appUrl: 'http://localhost:3333', host: 'localhost', port: 3472 }),
      {
        local: 'http://localhost:3472',
        publicUrl: 'http://localhost:3333',
      }
    )
  })

  test('the default set-up prints one address', ({ assert }) => {
    assert.deepEqual(
      readyAddresses({ appUrl: 'http://localhost:3333', host: 'localhost', port: 3333 }),
      {
        local: 'http://localhost:3333',
        publicUrl: null,
      }
    )
  })

  test("a server on every interface is opened at localhost; a proxy's public URL is named", ({
    assert,
  }) => {
    assert.deepEqual(
      readyAddresses({ appUrl: 'https://ca.example.cn/', host: '0.0.0.0', port: 3333 }),
      {
        local: 'http://localhost:3333',
        publicUrl: 'https://ca.example.cn',
      }
    )
  })
})
