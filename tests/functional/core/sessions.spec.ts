import { test } from '@japa/runner'
import { DateTime, Settings } from 'luxon'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { sessionLifetimes } from '#config/session'

/**
 * How long a sign-in lasts (config/session.ts): an idle timeout and an
 * absolute lifetime for applicants and for staff. The clock is moved
 * (Luxon's), nobody sleeps.
 */
const MINUTE = 60_000
let now = Date.now()

function at(ms: number) {
  now = ms
  Settings.now = () => now
}

test.group('Session lifetimes', (group) => {
  group.each.teardown(() => {
    Settings.now = () => Date.now()
  })

  test('an applicant idle for longer than the idle timeout is signed out, with a message', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const start = Date.now()
    at(start + sessionLifetimes.applicant.idle - MINUTE)
    const active = await asApplicant(client.get('/account'), user)
      .withSession({ web_signed_in_at: start, web_seen_at: start })
      .redirects(0)
    active.assertStatus(200)
    // the seen time moved on: a request every few minutes keeps the sign-in alive
    assert.equal(active.session('web_seen_at'), now)

    at(start + sessionLifetimes.applicant.idle + MINUTE)
    const idle = await asApplicant(client.get('/account'), user)
      .withSession({ web_signed_in_at: start, web_seen_at: start })
      .redirects(0)
    idle.assertStatus(302)
    assert.match(idle.header('location') ?? '', /^\/login/)
    assert.include(idle.flashMessages()?.warning ?? '', '分钟未操作')
  })

  test('an applicant busy all day is signed out after the absolute lifetime', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const start = Date.now()
    at(start + sessionLifetimes.applicant.absolute + MINUTE)
    const response = await asApplicant(client.get('/account'), user)
      .withSession({ web_signed_in_at: start, web_seen_at: now - MINUTE })
      .redirects(0)
    response.assertStatus(302)
    assert.include(response.flashMessages()?.warning ?? '', '小时')
  })

  test('staff: 30 minutes idle or 12 hours after the login end the back-office session', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['reviewer'])
    const start = Date.now()
    at(start + sessionLifetimes.staff.idle - MINUTE)
    const ok = await asStaff(client.get('/admin'), staff)
      .withSession({ admin_signed_in_at: start, admin_seen_at: start })
      .redirects(0)
    ok.assertStatus(200)

    at(start + sessionLifetimes.staff.idle + MINUTE)
    const idle = await asStaff(client.get('/admin'), staff)
      .withSession({ admin_signed_in_at: start, admin_seen_at: start })
      .redirects(0)
    idle.assertHeader('location', '/admin/login')
    assert.include(idle.flashMessages()?.error ?? '', '请重新登录')

    at(start + sessionLifetimes.staff.absolute + MINUTE)
    const late = await asStaff(client.get('/admin'), staff)
      .withSession({ admin_signed_in_at: start, admin_seen_at: now - MINUTE })
      .redirects(0)
    late.assertHeader('location', '/admin/login')
    assert.include(late.flashMessages()?.error ?? '', '12 小时')
  })

  test('a sign-in without times (a session from before) starts them now; signing out forgets them', async ({
    client,
    assert,
  }) => {
    at(DateTime.now().toMillis())
    const staff = await createStaff(['reviewer'])
    const first = await asStaff(client.get('/admin'), staff).redirects(0)
    first.assertStatus(200)
    assert.equal(first.session('admin_signed_in_at'), now)
    const out = await asStaff(client.post('/admin/logout'), staff).withCsrfToken().redirects(0)
    assert.isUndefined(out.session('admin_signed_in_at'))
  })
})
