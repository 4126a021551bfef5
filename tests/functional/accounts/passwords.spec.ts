import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import User from '#accounts/models/user'
import UserDevice from '#accounts/models/user_device'
import { DEFAULT_PASSWORD, createUser, uniquePhone } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { assertFieldError, flash, lastCode } from './helpers.js'

const NEW_PASSWORD = 'NewPassw0rd9'
const DEVICE_A = '0b9f1a3e-1c1e-4a52-8a39-0a8f6f0e0a01'
const DEVICE_B = '0b9f1a3e-1c1e-4a52-8a39-0a8f6f0e0a02'

function forgot(client: any, form: Record<string, string>) {
  return client.post('/password/forgot').withCsrfToken().form(form).redirects(0)
}

test.group('忘记密码', () => {
  test('the page asks for the account, the bound phone, a code and the new password twice', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/password/forgot')
    for (const text of [
      '忘记密码',
      '登录账号',
      '绑定的手机号',
      '获取验证码',
      '新密码',
      '确认新密码',
      '变更手机号',
    ])
      assert.include(page.text(), text)
  })

  test('account + bound phone + SMS code → new password; every device is signed out', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ email: 'reset@example.com' })
    const device = await UserDevice.create({
      userId: user.id,
      label: 'Chrome · Windows',
      userAgent: 'x',
      ip: '1.1.1.1',
      loginMethod: 'password',
      lastSeenAt: DateTime.utc(),
      revokedAt: null,
    })
    await forgot(client, { account: 'reset@example.com', phone: user.phone, intent: 'send_code' })
    const code = await lastCode(user.phone, 'reset_password')
    const response = await forgot(client, {
      account: 'reset@example.com',
      phone: user.phone,
      sms_code: code,
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
    })
    response.assertHeader('location', '/login')
    assert.equal(flash(response, 'success'), '密码已重置，请使用新密码登录')
    await user.refresh()
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD))
    await device.refresh()
    assert.isNotNull(device.revokedAt)
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: user.phone, password: NEW_PASSWORD })
      .redirects(0)
    login.assertHeader('location', '/')
  })

  test('resetting the password lifts a login lock-out', async ({ client, assert }) => {
    const user = await createUser()
    for (let i = 0; i < 5; i++) {
      await client
        .post('/login')
        .withCsrfToken()
        .form({ account: user.phone, password: 'Wrong12345' })
        .redirects(0)
    }
    const locked = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: user.phone, password: DEFAULT_PASSWORD })
      .redirects(0)
    assert.include(flash(locked, 'error'), '账号已被锁定')
    await forgot(client, { account: user.phone, phone: user.phone, intent: 'send_code' })
    const code = await lastCode(user.phone, 'reset_password')
    await forgot(client, {
      account: user.phone,
      phone: user.phone,
      sms_code: code,
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
    })
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: user.phone, password: NEW_PASSWORD })
      .redirects(0)
    login.assertHeader('location', '/')
  })

  test("a phone that is not the account's own is refused, and nothing changes", async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const other = await createUser()
    await forgot(client, { account: other.phone, phone: other.phone, intent: 'send_code' })
    const code = await lastCode(other.phone, 'reset_password')
    const response = await forgot(client, {
      account: user.phone,
      phone: other.phone,
      sms_code: code,
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
    })
    assertFieldError(assert, response, 'phone', '账号与绑定手机号不一致')
    await user.refresh()
    assert.isTrue(await user.verifyPassword(DEFAULT_PASSWORD))
  })

  test('a wrong code, a weak password and a mismatch are refused at their fields', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await forgot(client, { account: user.phone, phone: user.phone, intent: 'send_code' })
    const code = await lastCode(user.phone, 'reset_password')
    const wrong = await forgot(client, {
      account: user.phone,
      phone: user.phone,
      sms_code: code === '123456' ? '654321' : '123456',
      password: NEW_PASSWORD,
      password_confirmation: NEW_PASSWORD,
    })
    assertFieldError(assert, wrong, 'sms_code', '验证码错误')
    const weak = await forgot(client, {
      account: user.phone,
      phone: user.phone,
      sms_code: code,
      password: 'a12345678',
      password_confirmation: 'a12345678',
    })
    assertFieldError(assert, weak, 'password', '密码为数字、小写字母、大写字母，且长度大于 8 位')
    const mismatch = await forgot(client, {
      account: user.phone,
      phone: user.phone,
      sms_code: code,
      password: NEW_PASSWORD,
      password_confirmation: 'Other12345',
    })
    assertFieldError(assert, mismatch, 'password_confirmation', '两次输入的密码不一致')
  })

  test('获取验证码 for an unknown phone answers the same way but sends nothing', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    const response = await forgot(client, { account: phone, phone, intent: 'send_code' })
    assert.include(flash(response, 'success'), '如该手机号已注册，验证码已发送至')
    const sent = await db.from('sms_messages').where('phone', phone)
    assert.lengthOf(sent, 0)
  })
})

test.group('修改密码', () => {
  test('current + new + confirm changes the password and signs the other devices out', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await asApplicant(client.get('/account'), user, DEVICE_B)
    const response = await asApplicant(client.post('/account/password'), user, DEVICE_A)
      .withCsrfToken()
      .form({
        current_password: DEFAULT_PASSWORD,
        password: NEW_PASSWORD,
        password_confirmation: NEW_PASSWORD,
      })
      .redirects(0)
    response.assertHeader('location', '/account')
    assert.equal(flash(response, 'success'), '密码修改成功，其他设备已退出登录')
    await user.refresh()
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD))
    const current = await UserDevice.findOrFail(DEVICE_A)
    const other = await UserDevice.findOrFail(DEVICE_B)
    assert.isNull(current.revokedAt)
    assert.isNotNull(other.revokedAt)
    const entry = await db
      .from('audit_logs')
      .where('action', 'accounts.password.change')
      .where('subject_id', user.id)
    assert.lengthOf(entry, 1)
  })

  test('a wrong current password or the same password is refused', async ({ client, assert }) => {
    const user = await createUser()
    const wrong = await asApplicant(client.post('/account/password'), user)
      .withCsrfToken()
      .form({
        current_password: 'Wrong12345',
        password: NEW_PASSWORD,
        password_confirmation: NEW_PASSWORD,
      })
      .redirects(0)
    wrong.assertHeader('location', '/account/password')
    assertFieldError(assert, wrong, 'current_password', '当前密码不正确')
    const same = await asApplicant(client.post('/account/password'), user)
      .withCsrfToken()
      .form({
        current_password: DEFAULT_PASSWORD,
        password: DEFAULT_PASSWORD,
        password_confirmation: DEFAULT_PASSWORD,
      })
      .redirects(0)
    assertFieldError(assert, same, 'password', '新密码不能与当前密码相同')
    const weak = await asApplicant(client.post('/account/password'), user)
      .withCsrfToken()
      .form({
        current_password: DEFAULT_PASSWORD,
        password: 'Aa123',
        password_confirmation: 'Aa123',
      })
      .redirects(0)
    assertFieldError(assert, weak, 'password', '密码为数字、小写字母、大写字母，且长度大于 8 位')
    await user.refresh()
    assert.isTrue(await user.verifyPassword(DEFAULT_PASSWORD))
  })

  test('an account made by SMS login sets its first password without a current one', async ({
    client,
    assert,
  }) => {
    const user = await User.create({
      accountType: 'person',
      phone: uniquePhone(),
      status: 'active',
      realNameStatus: 'none',
      passwordSet: false,
    })
    const page = await asApplicant(client.get('/account'), user)
    assert.include(page.text(), '您还没有设置登录密码')
    const response = await asApplicant(client.post('/account/password'), user)
      .withCsrfToken()
      .form({ password: NEW_PASSWORD, password_confirmation: NEW_PASSWORD })
      .redirects(0)
    assert.equal(flash(response, 'success'), '登录密码设置成功')
    await user.refresh()
    assert.isTrue(user.passwordSet)
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD))
    const entry = await db
      .from('audit_logs')
      .where('action', 'accounts.password.set')
      .where('subject_id', user.id)
    assert.lengthOf(entry, 1)
  })
})
