import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import smsConfig from '#config/sms'
import { resetRate } from '#core/rate_limit'
import { createUser, uniquePhone } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { lastCode } from './helpers.js'

function ask(client: any, body: Record<string, string>) {
  return client.post('/sms/codes').withCsrfToken().header('accept', 'application/json').form(body)
}

async function codesSentTo(phone: string) {
  const rows = await db
    .from('sms_messages')
    .where('phone', phone)
    .where('purpose', 'like', 'code:%')
  return rows.length
}

test.group('SMS codes · /sms/codes (获取验证码 with JavaScript)', () => {
  test('answers { ok, message, cooldown } and the code lands in the outbox', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    const response = await ask(client, { phone, purpose: 'register' })
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      ok: true,
      message: `验证码已发送至 ${phone.slice(0, 3)}****${phone.slice(7)}`,
      cooldown: 60,
      retryAfter: null,
    })
    assert.match(await lastCode(phone, 'register'), /^\d{6}$/)
    const row = await db.from('verification_codes').where('phone', phone).first()
    assert.notInclude(row.code_hash, await lastCode(phone, 'register'))
  })

  test('a second request within 60 seconds is refused with the wait', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    await ask(client, { phone, purpose: 'login' })
    const again = await ask(client, { phone, purpose: 'login' })
    again.assertStatus(429)
    assert.isFalse(again.body().ok)
    assert.match(again.body().message, /验证码发送过于频繁，请 \d+ 秒后再试/)
    assert.isAtMost(again.body().retryAfter, 60)
    assert.equal(await codesSentTo(phone), 1)
  })

  test('the daily cap per phone holds even when the cool-down has passed', async ({
    client,
    assert,
  }) => {
    const phone = uniquePhone()
    const cap = smsConfig.codes.perPhoneDaily.requests
    for (let i = 0; i < cap; i++) {
      const response = await ask(client, { phone, purpose: 'login' })
      response.assertStatus(200)
      /* 60 seconds later */
      await resetRate(`sms:cooldown:${phone}:login`, smsConfig.codes.perPhoneCooldown)
    }
    const over = await ask(client, { phone, purpose: 'login' })
    over.assertStatus(429)
    assert.match(over.body().message, /验证码发送次数已达上限，请 .+后再试/)
    assert.equal(await codesSentTo(phone), cap)
  })

  test('the per-IP cap stops one client from flooding many phones', async ({ client, assert }) => {
    const cap = smsConfig.codes.perIpHourly.requests
    for (let i = 0; i < cap; i++) {
      const response = await ask(client, { phone: uniquePhone(), purpose: 'verify_phone' })
      response.assertStatus(200)
    }
    const phone = uniquePhone()
    const over = await ask(client, { phone, purpose: 'verify_phone' })
    over.assertStatus(429)
    assert.equal(await codesSentTo(phone), 0)
  })

  test('an invalid phone or purpose is refused in Chinese', async ({ client, assert }) => {
    const bad = await ask(client, { phone: '12440', purpose: 'register' })
    bad.assertStatus(422)
    assert.equal(bad.body().message, '请输入合法手机号/电话号')
    const purpose = await ask(client, { phone: uniquePhone(), purpose: 'nothing' })
    assert.equal(purpose.body().message, '验证码用途无效')
  })

  test('register: a registered phone gets the same answer as a free one and no code; a deregistered one is pointed to 账号申诉', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const taken = await ask(client, { phone: user.phone, purpose: 'register' })
    const freePhone = uniquePhone()
    const free = await ask(client, { phone: freePhone, purpose: 'register' })
    taken.assertStatus(free.status())
    const mask = (text: string, phone: string) => text.replace(phone.slice(-4), '####')
    assert.equal(mask(taken.body().message, user.phone), mask(free.body().message, freePhone))
    assert.notInclude(taken.body().message, '已注册')
    assert.equal(await codesSentTo(freePhone), 1)
    const gone = await createUser({ status: 'deregistered' })
    const deregistered = await ask(client, { phone: gone.phone, purpose: 'register' })
    assert.include(deregistered.body().message, '账号申诉')
    assert.equal(await codesSentTo(user.phone), 0)
  })

  test('reset_password: the same answer for unknown phones, but nothing is sent to them', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const known = await ask(client, { phone: user.phone, purpose: 'reset_password' })
    const unknownPhone = uniquePhone()
    const unknown = await ask(client, { phone: unknownPhone, purpose: 'reset_password' })
    known.assertStatus(200)
    unknown.assertStatus(200)
    assert.include(known.body().message, '如该手机号已注册，验证码已发送至')
    assert.include(unknown.body().message, '如该手机号已注册，验证码已发送至')
    assert.equal(await codesSentTo(user.phone), 1)
    assert.equal(await codesSentTo(unknownPhone), 0)
    const again = await ask(client, { phone: unknownPhone, purpose: 'reset_password' })
    again.assertStatus(429)
  })

  test('login: a frozen or deregistered account gets no code', async ({ client, assert }) => {
    const frozen = await createUser({ status: 'frozen' })
    const response = await ask(client, { phone: frozen.phone, purpose: 'login' })
    assert.include(response.body().message, '冻结')
    assert.equal(await codesSentTo(frozen.phone), 0)
  })

  test('deregister: only for a signed-in user, always to their own phone', async ({
    client,
    assert,
  }) => {
    const anonymous = await ask(client, { phone: uniquePhone(), purpose: 'deregister' })
    assert.equal(anonymous.body().message, '请先登录')
    const user = await createUser()
    const other = uniquePhone()
    const response = await asApplicant(client.post('/sms/codes'), user)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ phone: other, purpose: 'deregister' })
    response.assertStatus(200)
    assert.equal(await codesSentTo(user.phone), 1)
    assert.equal(await codesSentTo(other), 0)
  })

  test('change_phone: refused for a phone another account uses', async ({ client, assert }) => {
    const user = await createUser()
    const other = await createUser()
    const response = await asApplicant(client.post('/sms/codes'), user)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ phone: other.phone, purpose: 'change_phone' })
    assert.equal(response.body().message, '该手机号已被其他账号使用')
    const same = await asApplicant(client.post('/sms/codes'), user)
      .withCsrfToken()
      .header('accept', 'application/json')
      .form({ phone: user.phone, purpose: 'change_phone' })
    assert.equal(same.body().message, '新手机号不能与当前手机号相同')
  })

  test('without the CSRF token the endpoint refuses in Chinese', async ({ client, assert }) => {
    const response = await client
      .post('/sms/codes')
      .header('accept', 'application/json')
      .form({ phone: uniquePhone(), purpose: 'register' })
    response.assertStatus(403)
    assert.include(JSON.stringify(response.body()), '页面已过期')
  })
})
