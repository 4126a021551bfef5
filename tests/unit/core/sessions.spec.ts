import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { CoreSessionStore } from '#core/sessions/database_store'
import { sessionOwners } from '#config/session'

/**
 * The server-side session store: data out of the cookie, owners
 * recorded for ending a person's sessions, no write for a request that
 * changed nothing (at most one every few minutes), expired rows unread.
 */
function store(clock: { now: number }) {
  return new CoreSessionStore(() => db.connection(), '25h', {
    owners: sessionOwners,
    touchAfter: '5 min',
    now: () => clock.now,
  })
}

test.group('Session store (database)', () => {
  test('keeps the data and its owners; a deleted row is a signed-out session', async ({
    assert,
  }) => {
    const clock = { now: Date.now() }
    const sessions = store(clock)
    await sessions.write('s1', {
      auth_admin: 'staff-1',
      admin_signed_in_at: clock.now,
      note: '备注',
    })
    await sessions.write('s2', { auth_web: 'user-9', device_id: 'device-3' })
    assert.deepEqual(await sessions.read('s1'), {
      auth_admin: 'staff-1',
      admin_signed_in_at: clock.now,
      note: '备注',
    })
    const rows = await db
      .from('sessions')
      .orderBy('id')
      .select('id', 'staff_id', 'applicant_id', 'device_id')
    assert.deepEqual(rows, [
      { id: 's1', staff_id: 'staff-1', applicant_id: null, device_id: null },
      { id: 's2', staff_id: null, applicant_id: 'user-9', device_id: 'device-3' },
    ])
    await db.from('sessions').where('staff_id', 'staff-1').delete()
    assert.isNull(await store(clock).read('s1'))
  })

  test('an unchanged session is not written again for 5 minutes; an abandoned one expires', async ({
    assert,
  }) => {
    const clock = { now: Date.now() }
    await store(clock).write('s3', { auth_web: 'user-1' })
    const expiry = async () =>
      Number((await db.from('sessions').where('id', 's3').first()).expires_at)
    const first = await expiry()

    clock.now += 60_000
    const oneMinuteLater = store(clock)
    await oneMinuteLater.read('s3')
    await oneMinuteLater.touch('s3')
    assert.equal(await expiry(), first)

    clock.now += 5 * 60_000
    const sixMinutesLater = store(clock)
    await sixMinutesLater.read('s3')
    await sixMinutesLater.touch('s3')
    assert.equal(await expiry(), clock.now + 25 * 3600_000)

    clock.now += 26 * 3600_000
    assert.isNull(await store(clock).read('s3'))
  })

  test('data written for another session id is not accepted under this one', async ({ assert }) => {
    const clock = { now: Date.now() }
    await store(clock).write('s4', { auth_admin: 'staff-2' })
    const row = await db.from('sessions').where('id', 's4').first()
    await db.table('sessions').insert({ ...row, id: 's5' })
    assert.isNull(await store(clock).read('s5'))
  })
})
