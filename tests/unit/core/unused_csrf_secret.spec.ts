import { test } from '@japa/runner'
import UnusedCsrfSecretMiddleware from '#middleware/unused_csrf_secret_middleware'

/**
 * A new session that holds only Shield's CSRF secret is not stored when
 * the page has no form (no session row per first visit), and is when the
 * page has one, when it holds anything else, or when it came from a cookie.
 */
function context(options: {
  fresh: boolean
  data: Record<string, unknown>
  body: unknown
  flash?: boolean
}) {
  const data = { ...options.data }
  const session = {
    fresh: options.fresh,
    all: () => data,
    forget: (key: string) => delete data[key],
    responseFlashMessages: { isEmpty: !options.flash },
  }
  return { ctx: { session, response: { content: [options.body] } } as any, data }
}

async function run(options: Parameters<typeof context>[0]) {
  const { ctx, data } = context(options)
  await new UnusedCsrfSecretMiddleware().handle(ctx, async () => {})
  return Object.keys(data)
}

test.group('Unused CSRF secret', () => {
  test('dropped from a new session when the page has no form', async ({ assert }) => {
    assert.deepEqual(
      await run({ fresh: true, data: { 'csrf-secret': 's' }, body: '<main>首页</main>' }),
      []
    )
  })

  test('kept when the page has a CSRF field, holds more, has flash messages or came from a cookie', async ({
    assert,
  }) => {
    const form = `<form><input type='hidden' name='_csrf' value='t'></form>`
    assert.deepEqual(await run({ fresh: true, data: { 'csrf-secret': 's' }, body: form }), [
      'csrf-secret',
    ])
    assert.deepEqual(
      await run({ fresh: true, data: { 'csrf-secret': 's', 'auth_web': 1 }, body: '<p></p>' }),
      ['csrf-secret', 'auth_web']
    )
    assert.deepEqual(
      await run({ fresh: true, data: { 'csrf-secret': 's' }, body: '<p></p>', flash: true }),
      ['csrf-secret']
    )
    assert.deepEqual(await run({ fresh: false, data: { 'csrf-secret': 's' }, body: '<p></p>' }), [
      'csrf-secret',
    ])
    assert.deepEqual(await run({ fresh: true, data: { 'csrf-secret': 's' }, body: undefined }), [
      'csrf-secret',
    ])
  })
})
