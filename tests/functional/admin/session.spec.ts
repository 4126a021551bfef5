import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import Staff from '#admin/models/staff'
import { createStaff, createUser, DEFAULT_PASSWORD } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'

function inputErrors(response: any): Record<string, string[]> {
  return (response.flashMessages()?.inputErrorsBag ?? {}) as Record<string, string[]>
}

function login(client: any, username: string, password: string) {
  return client.post('/admin/login').form({ username, password }).withCsrfToken().redirects(0)
}

test.group('Staff login', () => {
  test("the login page is in Chinese and separate from the applicants' login", async ({
    client,
    assert,
  }) => {
    const response = await client.get('/admin/login')
    response.assertStatus(200)
    assert.include(response.text(), '工作人员登录')
    assert.include(response.text(), 'name="username"')
  })

  test('a staff member signs in; the login is audited and remembered', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['reviewer'], { username: 'reviewer.li' })
    const response = await login(client, 'Reviewer.Li', DEFAULT_PASSWORD)
    response.assertStatus(302)
    response.assertHeader('location', '/admin')
    await staff.refresh()
    assert.isNotNull(staff.lastLoginAt)
    const entry = await db
      .from('audit_logs')
      .where('action', 'admin.staff.login')
      .where('subject_id', staff.id)
      .first()
    assert.equal(entry.actor_id, staff.id)
  })

  test('a staff member goes back to the page they first asked for', async ({ client }) => {
    await createStaff(['super_admin'], { username: 'boss' })
    const response = await client
      .post('/admin/login')
      .form({ username: 'boss', password: DEFAULT_PASSWORD })
      .withSession({ admin_intended_url: '/admin/audit?page=2' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/admin/audit?page=2')
  })

  test('a wrong password is refused without saying which part was wrong, and audited', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['reviewer'])
    const response = await login(client, staff.username, 'Wrong12345')
    response.assertHeader('location', '/admin/login')
    response.assertFlashMessage('error', '用户名或密码错误')
    assert.equal(response.flashMessages().username, staff.username, 'the username is kept')
    assert.isUndefined(response.flashMessages().password)
    const unknown = await login(client, 'nobody', 'Wrong12345')
    unknown.assertFlashMessage('error', '用户名或密码错误')
    const failures = await db
      .from('audit_logs')
      .where('action', 'admin.staff.login_failed')
      .count('* as total')
    assert.equal(Number(failures[0].total), 2)
  })

  test('a deactivated staff member cannot sign in, even with the right password', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['operator'], { isActive: false })
    const response = await login(client, staff.username, DEFAULT_PASSWORD)
    response.assertHeader('location', '/admin/login')
    response.assertFlashMessage('error', '该账号已停用，请联系超级管理员')
    response.assertSessionMissing('auth_admin')
    const home = await client.get('/admin').redirects(0)
    home.assertHeader('location', '/admin/login')
    const entry = await db.from('audit_logs').where('action', 'admin.staff.login_failed').first()
    assert.equal(JSON.parse(entry.data).reason, 'inactive')
  })

  test('five wrong passwords lock the account for 15 minutes, even against the right one', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['reviewer'])
    for (let i = 1; i <= 4; i++) {
      const r = await login(client, staff.username, `Wrong${i}2345`)
      r.assertFlashMessage('error', '用户名或密码错误')
    }
    const fifth = await login(client, staff.username, 'Wrong52345')
    fifth.assertFlashMessage('error', '密码错误次数过多，账号已锁定，请 15 分钟后再试')
    const right = await login(client, staff.username, DEFAULT_PASSWORD)
    right.assertHeader('location', '/admin/login')
    assert.match(String(right.flashMessages().error), /^登录失败次数过多，请 1[45] 分钟后再试$/)
    await staff.refresh()
    assert.isNull(staff.lastLoginAt)

    /* another account from elsewhere is not affected */
    const other = await createStaff(['reviewer'])
    const ok = await login(client, other.username, DEFAULT_PASSWORD)
    ok.assertHeader('location', '/admin')
  })

  test('the staff:reset-password command prints a new password, forces a change and unlocks', async ({
    assert,
  }) => {
    const staff = await createStaff(['super_admin'], { username: 'locked.admin' })
    const { default: staffAuth } = await import('#admin/actions/staff_auth')
    for (let i = 0; i < 5; i++) await staffAuth.attempt('locked.admin', 'Wrong12345', '10.0.0.1')
    assert.isFalse((await staffAuth.attempt('locked.admin', DEFAULT_PASSWORD, '10.0.0.2')).ok)

    const { default: app } = await import('@adonisjs/core/services/app')
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const command = await ace.exec('staff:reset-password', ['locked.admin'])
    assert.equal(command.exitCode, 0)
    const logs = ace.ui.logger
      .getLogs()
      .map((l: any) => l.message)
      .join('\n')
    const password = logs.match(/密码：(\S+)/)?.[1]
    assert.isString(password)
    await staff.refresh()
    assert.isTrue(staff.mustChangePassword)
    assert.isTrue((await staffAuth.attempt('locked.admin', password!, '10.0.0.2')).ok)

    const missing = await ace.exec('staff:reset-password', ['no.such.user'])
    assert.equal(missing.exitCode, 1)
    ace.ui.switchMode('normal')
  })
})

test.group('Staff password', () => {
  test('a staff member who must change the password is held on that page until done', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['reviewer'], { mustChangePassword: true })
    const after = await login(client, staff.username, DEFAULT_PASSWORD)
    after.assertHeader('location', '/admin/profile/password')

    for (const url of ['/admin', '/admin/sms', '/admin/reviews/real-name']) {
      const response = await asStaff(client.get(url), staff).redirects(0)
      response.assertHeader('location', '/admin/profile/password')
    }
    const page = await asStaff(client.get('/admin/profile/password'), staff)
    page.assertStatus(200)
    assert.include(page.text(), '请先设置一个只有您知道的新密码')

    const done = await asStaff(
      client.post('/admin/profile/password').form({
        current_password: DEFAULT_PASSWORD,
        password: 'NewPassw0rd9',
        password_confirmation: 'NewPassw0rd9',
      }),
      staff
    )
      .withCsrfToken()
      .redirects(0)
    done.assertHeader('location', '/admin')
    done.assertFlashMessage('success', '密码已修改，请使用新密码登录')
    await staff.refresh()
    assert.isFalse(staff.mustChangePassword)
    await Staff.verifyCredentials(staff.username, 'NewPassw0rd9')
    const entry = await db.from('audit_logs').where('action', 'admin.staff.password_change').first()
    assert.isTrue(JSON.parse(entry.data).forced)

    const home = await asStaff(client.get('/admin'), staff)
    home.assertStatus(200)
  })

  test('changing the password: wrong current, weak, mismatched or unchanged new passwords are refused', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['finance'])
    const post = (form: Record<string, string>) =>
      asStaff(client.post('/admin/profile/password').form(form), staff).withCsrfToken().redirects(0)

    const wrong = await post({
      current_password: 'Nope12345',
      password: 'NewPassw0rd9',
      password_confirmation: 'NewPassw0rd9',
    })
    assert.deepEqual(inputErrors(wrong).current_password, ['当前密码不正确'])
    const weak = await post({
      current_password: DEFAULT_PASSWORD,
      password: 'a12345678',
      password_confirmation: 'a12345678',
    })
    assert.deepEqual(inputErrors(weak).password, [
      '密码为数字、小写字母、大写字母，且长度大于 8 位',
    ])
    const mismatch = await post({
      current_password: DEFAULT_PASSWORD,
      password: 'NewPassw0rd9',
      password_confirmation: 'NewPassw0rd8',
    })
    assert.deepEqual(inputErrors(mismatch).password_confirmation, ['两次输入的新密码不一致'])
    const same = await post({
      current_password: DEFAULT_PASSWORD,
      password: DEFAULT_PASSWORD,
      password_confirmation: DEFAULT_PASSWORD,
    })
    assert.deepEqual(inputErrors(same).password, ['新密码不能与当前密码相同'])

    await Staff.verifyCredentials(staff.username, DEFAULT_PASSWORD)
    const changes = await db
      .from('audit_logs')
      .where('action', 'admin.staff.password_change')
      .count('* as total')
    assert.equal(Number(changes[0].total), 0)
  })

  test('guessing the current password is stopped after five tries', async ({ client, assert }) => {
    const staff = await createStaff(['finance'])
    const post = (current: string) =>
      asStaff(
        client.post('/admin/profile/password').form({
          current_password: current,
          password: 'NewPassw0rd9',
          password_confirmation: 'NewPassw0rd9',
        }),
        staff
      )
        .withCsrfToken()
        .redirects(0)
    for (let i = 0; i < 5; i++) await post(`Guess${i}12345`)
    const right = await post(DEFAULT_PASSWORD)
    assert.match(String(right.flashMessages().error), /^当前密码错误次数过多/)
    await Staff.verifyCredentials(staff.username, DEFAULT_PASSWORD)
  })

  test('a back-office session ends 12 hours after the login, however busy it was', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['reviewer'])
    const fresh = await asStaff(client.get('/admin'), staff)
      .withSession({ admin_signed_in_at: Date.now() - 11 * 3600_000 })
      .redirects(0)
    fresh.assertStatus(200)
    const stale = await asStaff(client.get('/admin'), staff)
      .withSession({ admin_signed_in_at: Date.now() - 13 * 3600_000 })
      .redirects(0)
    stale.assertHeader('location', '/admin/login')
    assert.include(stale.flashMessages()?.error, '请重新登录')
  })

  test('a login starts the 12 hours again', async ({ client, assert }) => {
    await createStaff(['reviewer'], { username: 'reviewer.zhao' })
    const before = Date.now()
    const response = await login(client, 'reviewer.zhao', DEFAULT_PASSWORD)
    response.assertHeader('location', '/admin')
    assert.isAtLeast(Number(response.session('admin_signed_in_at')), before)
  })

  test('logging out ends the back-office session', async ({ client, assert }) => {
    const staff = await createStaff(['reviewer'])
    const response = await asStaff(client.post('/admin/logout'), staff).withCsrfToken().redirects(0)
    response.assertHeader('location', '/admin/login')
    response.assertFlashMessage('success', '已退出后台')
    assert.isNotNull(await db.from('audit_logs').where('action', 'admin.staff.logout').first())
  })
})

test.group('Back office is for staff only', () => {
  function adminRoutes() {
    const routes = Object.values(router.toJSON()).flat() as Array<{
      pattern: string
      methods: string[]
    }>
    return routes
      .filter(
        (r) =>
          r.pattern.startsWith('/admin') && !['/admin/login', '/admin/logout'].includes(r.pattern)
      )
      .map((r) => ({
        method: r.methods.includes('GET') ? 'GET' : r.methods[0],
        url: r.pattern
          .replace(/:id\b|:[a-z_]*id\b/gi, '00000000-0000-4000-8000-000000000000')
          .replace(/:seq\b/, '1')
          .replace(/:side\b/, 'front')
          .replace(/:[a-z_]+/gi, 'x'),
      }))
  }

  test('an applicant cannot open any /admin page: every one sends them to the staff login', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const routes = adminRoutes()
    assert.isAbove(routes.length, 10)
    for (const { method, url } of routes) {
      const request =
        method === 'GET' ? client.get(url) : client.request(url, method as any).withCsrfToken()
      const response = await asApplicant(request, user).redirects(0)
      assert.equal(response.status(), 302, `${method} ${url}`)
      assert.equal(response.header('location'), '/admin/login', `${method} ${url}`)
    }
  })

  test('every back-office route is declared behind middleware.staff()', ({ assert }) => {
    const routes = Object.values(router.toJSON()).flat() as Array<{
      pattern: string
      methods: string[]
      middleware: any
    }>
    const unguarded = routes
      .filter(
        (r) =>
          r.pattern.startsWith('/admin') && !['/admin/login', '/admin/logout'].includes(r.pattern)
      )
      .filter((r) => ![...r.middleware.all()].some((m: any) => m?.name === 'staff'))
      .map((r) => `${r.methods.join('|')} ${r.pattern}`)
    assert.deepEqual(unguarded, [])
  })

  test('a visitor cannot open any /admin page either', async ({ client, assert }) => {
    for (const { method, url } of adminRoutes()) {
      const request =
        method === 'GET' ? client.get(url) : client.request(url, method as any).withCsrfToken()
      const response = await request.redirects(0)
      assert.equal(response.header('location'), '/admin/login', `${method} ${url}`)
    }
  })
})
