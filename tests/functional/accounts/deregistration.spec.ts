import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import UserDevice from '#accounts/models/user_device'
import {
  registerDeregistrationCheck,
  unregisterDeregistrationCheck,
} from '#accounts/deregistration_checks'
import { DEFAULT_PASSWORD, createUser } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { assertFieldError, flash, lastCode } from './helpers.js'

const A = '7c1d2e3f-4a5b-4c6d-8e7f-000000000001'
const B = '7c1d2e3f-4a5b-4c6d-8e7f-000000000002'

async function codeFor(client: any, user: User) {
  await asApplicant(client.post('/account/deregister'), user, A)
    .withCsrfToken()
    .form({ intent: 'send_code' })
    .redirects(0)
  return lastCode(user.phone, 'deregister')
}

test.group('注销账号', (group) => {
  group.each.teardown(() => unregisterDeregistrationCheck('test-certificates'))

  test('the page lists the consequences and asks for a code and the checkbox', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const page = await asApplicant(client.get('/account/deregister'), user)
    for (const text of [
      '注销后果',
      '无法再使用该账号',
      '该手机号不能用于注册新账号',
      '账号申诉',
      '获取验证码',
      '《账号注销须知》',
      '继续注销',
    ]) {
      assert.include(page.text(), text)
    }
  })

  test('blocked while another module reports active certificates', async ({ client, assert }) => {
    const user = await createUser()
    registerDeregistrationCheck('test-certificates', async (userId) =>
      userId === user.id ? '您有 2 张有效证书，请先注销或等待证书到期' : null
    )
    const page = await asApplicant(client.get('/account/deregister'), user)
    assert.include(page.text(), '您的账号暂不能注销')
    assert.include(page.text(), '您有 2 张有效证书')
    assert.notInclude(page.text(), '继续注销</button>')
    const attempt = await asApplicant(client.post('/account/deregister'), user, A)
      .withCsrfToken()
      .form({ sms_code: '123456', agree: '1' })
      .redirects(0)
    assert.include(flash(attempt, 'error'), '您有 2 张有效证书')
    const code = await asApplicant(client.post('/account/deregister'), user, A)
      .withCsrfToken()
      .form({ intent: 'send_code' })
      .redirects(0)
    assert.include(flash(code, 'error'), '暂不能注销')
    await user.refresh()
    assert.equal(user.status, 'active')
  })

  test('code + checkbox: 已注销, every device out, then login and registration point to 账号申诉', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await asApplicant(client.get('/'), user, B)
    const code = await codeFor(client, user)
    const response = await asApplicant(client.post('/account/deregister'), user, A)
      .withCsrfToken()
      .form({ sms_code: code, agree: '1' })
      .redirects(0)
    response.assertHeader('location', '/')
    assert.include(flash(response, 'success'), '账号已注销')
    await user.refresh()
    assert.equal(user.status, 'deregistered')
    assert.isNotNull(user.deregisteredAt)
    for (const id of [A, B]) assert.isNotNull((await UserDevice.findOrFail(id)).revokedAt)
    const entry = await db
      .from('audit_logs')
      .where('action', 'accounts.user.deregister')
      .where('subject_id', user.id)
    assert.lengthOf(entry, 1)

    const other = await client
      .get('/account')
      .withSession({ device_id: B })
      .loginAs(user)
      .redirects(0)
    other.assertHeader('location', '/login')
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: user.phone, password: DEFAULT_PASSWORD })
      .redirects(0)
    assert.include(flash(login, 'error'), '账号申诉')
    const register = await client
      .post('/register')
      .withCsrfToken()
      .form({ account_type: 'person', phone: user.phone, intent: 'send_code' })
      .redirects(0)
    assertFieldError(assert, register, 'phone', '账号申诉')
  })

  test('a wrong code or a missing checkbox keeps the account', async ({ client, assert }) => {
    const user = await createUser()
    const code = await codeFor(client, user)
    const noBox = await asApplicant(client.post('/account/deregister'), user, A)
      .withCsrfToken()
      .form({ sms_code: code })
      .redirects(0)
    assertFieldError(assert, noBox, 'agree', '请阅读并勾选')
    const wrong = await asApplicant(client.post('/account/deregister'), user, A)
      .withCsrfToken()
      .form({ sms_code: code === '111111' ? '222222' : '111111', agree: '1' })
      .redirects(0)
    assertFieldError(assert, wrong, 'sms_code', '验证码错误')
    await user.refresh()
    assert.equal(user.status, 'active')
  })
})
