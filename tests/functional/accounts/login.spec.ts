import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import { DEVICE_SESSION_KEY } from '#accounts/actions/device_sessions'
import { DEFAULT_PASSWORD, createUser, uniquePhone } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { assertFieldError, flash, lastCode } from './helpers.js'

function login(client: any, account: string, password: string) {
  return client.post('/login').withCsrfToken().form({ account, password }).redirects(0)
}

async function smsLogin(client: any, phone: string, extra: Record<string, string> = {}) {
  await client.post('/login/sms').withCsrfToken().form({ phone, intent: 'send_code' }).redirects(0)
  const code = await lastCode(phone, 'login')
  return client
    .post('/login/sms')
    .withCsrfToken()
    .form({ phone, sms_code: code, agree: '1', ...extra })
    .redirects(0)
}

test.group('Login · 密码登录', () => {
  test('the login page offers password and SMS login, forgot password, register and 账号申诉', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/login')
    for (const text of [
      '密码登录',
      '免密码登录',
      '手机号或邮箱',
      '忘记密码',
      '注册账号',
      '账号申诉',
    ])
      assert.include(page.text(), text)
    const sms = await client.get('/login?mode=sms')
    for (const text of ['获取验证码', '注册/登录', '《用户服务协议》'])
      assert.include(sms.text(), text)
  })

  test('by phone + password: signed in, a login device, last_login_at, one audit entry', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ name: '赵六' })
    const response = await login(client, user.phone, DEFAULT_PASSWORD)
    response.assertStatus(302)
    response.assertHeader('location', '/')
    const deviceId = response.session(DEVICE_SESSION_KEY)
    assert.isString(deviceId)
    const device = await db.from('user_devices').where('id', deviceId).first()
    assert.equal(device.user_id, user.id)
    assert.equal(device.login_method, 'password')
    await user.refresh()
    assert.isNotNull(user.lastLoginAt)
    const entries = await db
      .from('audit_logs')
      .where('action', 'accounts.session.login')
      .where('actor_id', user.id)
    assert.lengthOf(entries, 1)
  })

  test('by email + password, case-insensitively', async ({ client, assert }) => {
    const user = await createUser({ email: 'li.si@example.com' })
    const response = await login(client, 'Li.Si@Example.com', DEFAULT_PASSWORD)
    response.assertHeader('location', '/')
    const device = await db
      .from('user_devices')
      .where('id', response.session(DEVICE_SESSION_KEY))
      .first()
    assert.equal(device.user_id, user.id)
  })

  test('a wrong password says how many tries are left and keeps the account typed', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await login(client, user.phone, 'Wrong12345')
    response.assertHeader('location', '/login')
    assert.equal(flash(response, 'error'), '账号或密码错误，还可尝试 4 次')
    assert.equal(flash(response, 'account'), user.phone)
    assert.isUndefined(flash(response, 'password'))
    const failed = await db
      .from('audit_logs')
      .where('action', 'accounts.session.login_failed')
      .where('subject_id', user.id)
    assert.lengthOf(failed, 1)
  })

  test('an unknown account gets the same message as a wrong password', async ({
    client,
    assert,
  }) => {
    const response = await login(client, uniquePhone(), 'Wrong12345')
    assert.equal(flash(response, 'error'), '账号或密码错误，还可尝试 4 次')
  })

  test('five wrong passwords lock the account for 15 minutes, even against the right password', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    for (let i = 0; i < 4; i++) await login(client, user.phone, 'Wrong12345')
    const fifth = await login(client, user.phone, 'Wrong12345')
    assert.equal(flash(fifth, 'error'), '登录失败次数过多，账号已被锁定，请 15 分钟后再试')
    const right = await login(client, user.phone, DEFAULT_PASSWORD)
    right.assertHeader('location', '/login')
    assert.equal(flash(right, 'error'), '登录失败次数过多，账号已被锁定，请 15 分钟后再试')
    right.assertSessionMissing(DEVICE_SESSION_KEY)
    const other = await createUser()
    const unaffected = await login(client, other.phone, DEFAULT_PASSWORD)
    unaffected.assertHeader('location', '/')
  })

  test('the lock covers the account whichever login name is used', async ({ client, assert }) => {
    const user = await createUser({ email: 'lock@example.com' })
    for (let i = 0; i < 5; i++) await login(client, user.phone, 'Wrong12345')
    const byEmail = await login(client, 'lock@example.com', DEFAULT_PASSWORD)
    assert.include(flash(byEmail, 'error'), '账号已被锁定')
  })

  test('twenty failures from one IP block that IP', async ({ client, assert }) => {
    for (let i = 0; i < 20; i++) await login(client, uniquePhone(), 'Wrong12345')
    const user = await createUser()
    const response = await login(client, user.phone, DEFAULT_PASSWORD)
    assert.include(flash(response, 'error'), '登录失败次数过多')
    assert.notInclude(
      flash(response, 'error'),
      '账号已被锁定',
      'this account did nothing wrong: the network is blocked'
    )
    assert.include(flash(response, 'error'), '当前网络')
    response.assertSessionMissing(DEVICE_SESSION_KEY)
  })

  test('a successful login resets the failure count', async ({ client, assert }) => {
    const user = await createUser()
    for (let i = 0; i < 4; i++) await login(client, user.phone, 'Wrong12345')
    const ok = await login(client, user.phone, DEFAULT_PASSWORD)
    ok.assertHeader('location', '/')
    const next = await login(client, user.phone, 'Wrong12345')
    assert.equal(flash(next, 'error'), '账号或密码错误，还可尝试 4 次')
  })

  test('after login the applicant lands on the page that asked for it', async ({ client }) => {
    const user = await createUser()
    const response = await client
      .post('/login')
      .withSession({ intended_url: '/account/devices' })
      .withCsrfToken()
      .form({ account: user.phone, password: DEFAULT_PASSWORD })
      .redirects(0)
    response.assertHeader('location', '/account/devices')
  })

  test('an intended URL off the site or into the back office is ignored', async ({ client }) => {
    const user = await createUser()
    for (const intended of ['//evil.example.com/', '/admin/staff', 'https://evil.example.com']) {
      const response = await client
        .post('/login')
        .withSession({ intended_url: intended })
        .withCsrfToken()
        .form({ account: user.phone, password: DEFAULT_PASSWORD })
        .redirects(0)
      response.assertHeader('location', '/')
    }
  })

  test('a page behind login remembers itself and sends the visitor to /login', async ({
    client,
  }) => {
    const response = await client.get('/account/logs?action=x').redirects(0)
    response.assertHeader('location', '/login')
    response.assertSession('intended_url', '/account/logs?action=x')
  })

  test('a deregistered account is pointed to 账号申诉; a frozen one to the hotline', async ({
    client,
    assert,
  }) => {
    const gone = await createUser({ status: 'deregistered' })
    const response = await login(client, gone.phone, DEFAULT_PASSWORD)
    assert.include(flash(response, 'error'), '账号申诉')
    response.assertSessionMissing(DEVICE_SESSION_KEY)
    const frozen = await createUser({ status: 'frozen' })
    const frozenResponse = await login(client, frozen.phone, DEFAULT_PASSWORD)
    assert.include(flash(frozenResponse, 'error'), '冻结')
  })

  test('a signed-in applicant opening /login or /register goes home', async ({ client }) => {
    const user = await createUser()
    const response = await asApplicant(client.get('/login'), user).redirects(0)
    response.assertHeader('location', '/')
    const register = await asApplicant(client.get('/register'), user).redirects(0)
    register.assertHeader('location', '/')
  })

  test('a login without the CSRF token is refused', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client
      .post('/login')
      .form({ account: user.phone, password: DEFAULT_PASSWORD })
      .redirects(0)
    response.assertStatus(302)
    assert.include(flash(response, 'error'), '页面已过期')
    response.assertSessionMissing(DEVICE_SESSION_KEY)
  })
})

test.group('Login · 短信登录 (免密码登录)', () => {
  test('an existing account signs in with an SMS code', async ({ client, assert }) => {
    const user = await createUser()
    const response = await smsLogin(client, user.phone)
    response.assertHeader('location', '/')
    const device = await db
      .from('user_devices')
      .where('id', response.session(DEVICE_SESSION_KEY))
      .first()
    assert.equal(device.login_method, 'sms')
    assert.equal(device.user_id, user.id)
  })

  test('an unknown phone becomes a 自然人 account without password, asked to set one', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    const response = await smsLogin(client, phone)
    response.assertHeader('location', '/account/password')
    assert.include(flash(response, 'info'), '建议设置登录密码')
    const user = await User.findByOrFail('phone', phone)
    assert.equal(user.accountType, 'person')
    assert.isFalse(user.passwordSet)
    assert.isNull(user.password)
    const created = await db
      .from('audit_logs')
      .where('action', 'accounts.user.register_by_sms')
      .where('subject_id', user.id)
    assert.lengthOf(created, 1)
    const page = await asApplicant(client.get('/account/password'), user)
    assert.include(page.text(), '设置密码')
    assert.notInclude(page.text(), '当前密码')
  })

  test('the agreement must be ticked', async ({ client, assert }) => {
    const phone = uniquePhone()
    const response = await smsLogin(client, phone, { agree: '' })
    assertFieldError(assert, response, 'agree', '请阅读并勾选')
    assert.isNull(await User.findBy('phone', phone))
  })

  test('a wrong code is refused at the code field and nobody is created', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    await client
      .post('/login/sms')
      .withCsrfToken()
      .form({ phone, intent: 'send_code' })
      .redirects(0)
    const code = await lastCode(phone, 'login')
    const wrong = code === '999999' ? '999998' : '999999'
    const response = await client
      .post('/login/sms')
      .withCsrfToken()
      .form({ phone, sms_code: wrong, agree: '1' })
      .redirects(0)
    response.assertHeader('location', '/login?mode=sms')
    assertFieldError(assert, response, 'sms_code', '验证码错误')
    assert.isNull(await User.findBy('phone', phone))
  })

  test('获取验证码 without JavaScript keeps the phone and says where the code went', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    const response = await client
      .post('/login/sms')
      .withCsrfToken()
      .form({ phone, intent: 'send_code', agree: '1' })
      .redirects(0)
    response.assertHeader('location', '/login?mode=sms')
    assert.equal(flash(response, 'phone'), phone)
    assert.include(flash(response, 'success'), '验证码已发送至')
  })

  test('a deregistered phone gets no code and no new account', async ({ client, assert }) => {
    const gone = await createUser({ status: 'deregistered' })
    const response = await client
      .post('/login/sms')
      .withCsrfToken()
      .form({ phone: gone.phone, intent: 'send_code' })
      .redirects(0)
    assertFieldError(assert, response, 'phone', '账号申诉')
    const count = await db.from('users').where('phone', gone.phone).count('* as total')
    assert.equal(Number(count[0].total), 1)
  })
})

test.group('Logout', () => {
  test('退出 signs the session out and its device too', async ({ client, assert }) => {
    const user = await createUser()
    const response = await asApplicant(
      client.post('/logout'),
      user,
      '6f1f7a57-6a43-4d7e-9a0c-1f0e3c6e2a11'
    )
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/login')
    assert.equal(flash(response, 'success'), '您已安全退出')
    const device = await db
      .from('user_devices')
      .where('id', '6f1f7a57-6a43-4d7e-9a0c-1f0e3c6e2a11')
      .first()
    assert.isNotNull(device.revoked_at)
    const entries = await db
      .from('audit_logs')
      .where('action', 'accounts.session.logout')
      .where('actor_id', user.id)
    assert.lengthOf(entries, 1)
  })
})
