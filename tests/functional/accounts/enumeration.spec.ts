import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { createUser, residentId, uniquePhone } from '#tests/helpers/factories'
import { makeImage } from '#tests/helpers/files'
import { fieldErrors, flash } from './helpers.js'

const PASSWORD = 'Abcdef1234'
/** A well-formed code that was never sent */
const NO_CODE = '123456'

/**
 * What a visitor reads when the form comes back: the messages at the
 * fields and on top of the form.
 */
function answer(response: ApiResponse) {
  return {
    status: response.status(),
    location: response.header('location'),
    fields: fieldErrors(response),
    error: flash(response, 'error') ?? null,
  }
}

/**
 * A visitor without a valid SMS code must not learn from a form whether a
 * phone, an account or an ID number is on file: the code is checked
 * first, and only then the account. (获取验证码 itself is rate-limited per
 * IP; the forms were not.)
 */
test.group('Accounts · no account lookups without a valid SMS code', () => {
  test('注册: a registered phone and a free one get the same answer', async ({
    client,
    assert,
  }) => {
    const taken = await createUser()
    const form = (phone: string) => ({
      account_type: 'person',
      name: '王小明',
      phone,
      id_type: 'resident_id',
      id_number: residentId('19880512', '110105', '031'),
      region_code: '110105',
      password: PASSWORD,
      password_confirmation: PASSWORD,
      sms_code: NO_CODE,
      agree: '1',
    })
    const forTaken = await client
      .post('/register')
      .withCsrfToken()
      .form(form(taken.phone))
      .redirects(0)
    const forFree = await client
      .post('/register')
      .withCsrfToken()
      .form(form(uniquePhone()))
      .redirects(0)
    assert.deepEqual(answer(forTaken), answer(forFree))
    assert.deepEqual(fieldErrors(forTaken), { sms_code: ['请先获取验证码'] })
  })

  test('忘记密码: a registered phone and an unknown one get the same answer', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const unknown = uniquePhone()
    const form = (phone: string) => ({
      account: phone,
      phone,
      sms_code: NO_CODE,
      password: PASSWORD,
      password_confirmation: PASSWORD,
    })
    const forUser = await client
      .post('/password/forgot')
      .withCsrfToken()
      .form(form(user.phone))
      .redirects(0)
    const forUnknown = await client
      .post('/password/forgot')
      .withCsrfToken()
      .form(form(unknown))
      .redirects(0)
    assert.deepEqual(answer(forUser), answer(forUnknown))
    assert.deepEqual(fieldErrors(forUser), { sms_code: ['请先获取验证码'] })
  })

  test('手机号变更申请 (not signed in): an existing account, an unknown one and a wrong ID number get the same answer', async ({
    client,
    assert,
  }) => {
    const id = residentId('19920101', '310101', '555')
    const user = await createUser({ idNumber: id })
    const ask = async (account: string, idNumber: string) =>
      client
        .post('/phone/lost')
        .withCsrfToken()
        .fields({
          account,
          new_phone: uniquePhone(),
          sms_code: NO_CODE,
          id_type: 'resident_id',
          id_number: idNumber,
          reason: '原手机号已停机',
        })
        .file('id_photo', await makeImage('jpg', 20 * 1024))
        .redirects(0)
    const known = answer(await ask(user.phone, id))
    const unknown = answer(await ask(uniquePhone(), id))
    const wrongId = answer(await ask(user.phone, residentId('19920101', '310101', '556')))
    assert.deepEqual(known, unknown)
    assert.deepEqual(known, wrongId)
    assert.deepEqual(known.fields, { sms_code: ['请先获取验证码'] })
    assert.lengthOf(await db.from('phone_change_requests'), 0)
  })

  test("账号申诉: a deregistered account's name and ID and unknown ones get the same answer", async ({
    client,
    assert,
  }) => {
    const id = residentId('19851212', '440305', '228')
    await createUser({ name: '陈晨', idNumber: id, status: 'deregistered' })
    const form = (idNumber: string) => ({
      id_number: idNumber,
      real_name: '陈晨',
      contact_phone: uniquePhone(),
      sms_code: NO_CODE,
      description: '账号误注销，需要找回',
    })
    const match = await client.post('/appeal').withCsrfToken().form(form(id)).redirects(0)
    const none = await client
      .post('/appeal')
      .withCsrfToken()
      .form(form(residentId('19851212', '440305', '229')))
      .redirects(0)
    assert.deepEqual(answer(match), answer(none))
    assert.deepEqual(fieldErrors(match), { sms_code: ['请先获取验证码'] })
  })

  test("短信登录: a frozen or deregistered account's phone and an unknown one get the same answer", async ({
    client,
    assert,
  }) => {
    const frozen = await createUser({ status: 'frozen' })
    const gone = await createUser({ status: 'deregistered' })
    const form = (phone: string) => ({ phone, sms_code: NO_CODE, agree: '1' })
    const unknown = answer(
      await client.post('/login/sms').withCsrfToken().form(form(uniquePhone())).redirects(0)
    )
    assert.deepEqual(
      answer(await client.post('/login/sms').withCsrfToken().form(form(frozen.phone)).redirects(0)),
      unknown
    )
    assert.deepEqual(
      answer(await client.post('/login/sms').withCsrfToken().form(form(gone.phone)).redirects(0)),
      unknown
    )
  })
})
