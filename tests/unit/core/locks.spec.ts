import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { LockTimeoutError, withLock } from '#core/locks'

/**
 * "One at a time" shared through the database: work under one lock never
 * overlaps, whichever process runs it; a holder that died does not block
 * for ever; a live holder makes a waiter give up with a Chinese message.
 */
test.group('Locks shared through the database', () => {
  test('work under the same lock never overlaps; other keys do not wait', async ({ assert }) => {
    const events: string[] = []
    let releaseFirst!: () => void
    const firstMayEnd = new Promise<void>((resolve) => (releaseFirst = resolve))
    let firstStarted!: () => void
    const started = new Promise<void>((resolve) => (firstStarted = resolve))
    const first = withLock('test:order-1', async () => {
      events.push('first:start')
      firstStarted()
      await firstMayEnd
      events.push('first:end')
    })
    await started
    const second = withLock('test:order-1', async () => {
      events.push('second:start')
    })
    // another key goes ahead while order-1 is held
    await withLock('test:order-2', async () => {
      events.push('other')
    })
    assert.deepEqual(events, ['first:start', 'other'])
    releaseFirst()
    await Promise.all([first, second])
    assert.deepEqual(events, ['first:start', 'other', 'first:end', 'second:start'])
    assert.lengthOf(await db.from('locks'), 0)
  })

  test('a lock whose holder died is taken over once its lease ran out', async ({ assert }) => {
    await db
      .table('locks')
      .insert({ key: 'test:dead', owner: 'a-process-that-died', expires_at: Date.now() - 1000 })
    const result = await withLock('test:dead', async () => 'done', { wait: 1000 })
    assert.equal(result, 'done')
  })

  test('a live holder makes a waiter give up with a Chinese message', async ({ assert }) => {
    await db
      .table('locks')
      .insert({ key: 'test:busy', owner: 'another-instance', expires_at: Date.now() + 60_000 })
    await assert.rejects(
      () => withLock('test:busy', async () => 'never', { wait: 50 }),
      '系统繁忙，请稍后重试'
    )
    try {
      await withLock('test:busy', async () => 'never', { wait: 10 })
    } catch (error) {
      assert.instanceOf(error, LockTimeoutError)
    }
  })
})
