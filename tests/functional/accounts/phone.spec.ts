import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import PhoneChangeRequest from '#accounts/models/phone_change_request'
import storage from '#core/storage'
import { DEFAULT_PASSWORD, createUser, residentId, uniquePhone } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { makeFakeFile, makeImage } from '#tests/helpers/files'
import { assertFieldError, flash, lastCode, smsTo } from './helpers.js'

async function sendChangeCode(client: any, user: User, newPhone: string, url = '/account/phone') {
  const response = await asApplicant(client.post(url), user)
    .withCsrfToken()
    .form({ new_phone: newPhone, intent: 'send_code' })
    .redirects(0)
  response.assertStatus(302)
  return lastCode(newPhone, 'change_phone')
}

async function submitLost(client: any, user: User, fields: Record<string, string>, file: string) {
  return asApplicant(client.post('/account/phone/lost'), user)
    .withCsrfToken()
    .fields(fields)
    .file('id_photo', file)
    .redirects(0)
}

test.group('更换手机号 (current password + code to the new phone)', () => {
  test('the phone moves to the new number; the old phone is told; login works with the new one', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const oldPhone = user.phone
    const newPhone = uniquePhone()
    const code = await sendChangeCode(client, user, newPhone)
    const response = await asApplicant(client.post('/account/phone'), user)
      .withCsrfToken()
      .form({ new_phone: newPhone, sms_code: code, current_password: DEFAULT_PASSWORD })
      .redirects(0)
    response.assertHeader('location', '/account')
    assert.equal(flash(response, 'success'), '手机号更换成功')
    await user.refresh()
    assert.equal(user.phone, newPhone)
    const notice = (await smsTo(oldPhone)).find((m: any) => m.purpose === 'notice:phone_changed')
    assert.include(notice.content, '已更换为')
    const entry = await db
      .from('audit_logs')
      .where('action', 'accounts.phone.change')
      .where('subject_id', user.id)
      .first()
    assert.equal(JSON.parse(entry.data).newPhone, newPhone)
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: newPhone, password: DEFAULT_PASSWORD })
      .redirects(0)
    login.assertHeader('location', '/')
  })

  test('a wrong password, a wrong code or a phone another account uses are refused', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const newPhone = uniquePhone()
    const code = await sendChangeCode(client, user, newPhone)
    const wrongPassword = await asApplicant(client.post('/account/phone'), user)
      .withCsrfToken()
      .form({ new_phone: newPhone, sms_code: code, current_password: 'Wrong12345' })
      .redirects(0)
    assertFieldError(assert, wrongPassword, 'current_password', '当前密码不正确')
    const wrongCode = await asApplicant(client.post('/account/phone'), user)
      .withCsrfToken()
      .form({
        new_phone: newPhone,
        sms_code: code === '000000' ? '000001' : '000000',
        current_password: DEFAULT_PASSWORD,
      })
      .redirects(0)
    assertFieldError(assert, wrongCode, 'sms_code', '验证码错误')
    const other = await createUser()
    const taken = await asApplicant(client.post('/account/phone'), user)
      .withCsrfToken()
      .form({ new_phone: other.phone, sms_code: code, current_password: DEFAULT_PASSWORD })
      .redirects(0)
    assertFieldError(assert, taken, 'new_phone', '该手机号已被其他账号使用')
    const invalid = await asApplicant(client.post('/account/phone'), user)
      .withCsrfToken()
      .form({ new_phone: '1111111111', sms_code: code, current_password: DEFAULT_PASSWORD })
      .redirects(0)
    assertFieldError(assert, invalid, 'new_phone', '请输入合法手机号/电话号')
    const phone = user.phone
    await user.refresh()
    assert.equal(user.phone, phone)
  })

  test('获取验证码 without JavaScript goes to the new phone and keeps it in the form', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const newPhone = uniquePhone()
    const response = await asApplicant(client.post('/account/phone'), user)
      .withCsrfToken()
      .form({ new_phone: newPhone, intent: 'send_code' })
      .redirects(0)
    response.assertHeader('location', '/account/phone')
    assert.equal(flash(response, 'new_phone'), newPhone)
    assert.equal(
      flash(response, 'success'),
      `验证码已发送至 ${newPhone.slice(0, 3)}****${newPhone.slice(7)}`
    )
  })
})

test.group('原手机号丢失: 手机号变更申请', () => {
  test('new phone + SMS + ID number + reason + ID photo makes a pending request with the photo in private storage', async ({
    client,
    assert,
  }) => {
    const id = residentId('19900307', '110105', '123')
    const user = await createUser({ idNumber: id })
    const newPhone = uniquePhone()
    const code = await sendChangeCode(client, user, newPhone, '/account/phone/lost')
    const response = await submitLost(
      client,
      user,
      {
        new_phone: newPhone,
        sms_code: code,
        id_type: 'resident_id',
        id_number: id,
        reason: '原手机号已停机，无法接收短信',
      },
      await makeImage('jpg', 60 * 1024)
    )
    response.assertStatus(302)
    const request = await PhoneChangeRequest.findByOrFail('user_id', user.id)
    response.assertHeader('location', `/account/phone/requests/${request.id}`)
    assert.include(flash(response, 'success'), request.requestNo)
    assert.match(request.requestNo, /^\d{19}$/)
    assert.equal(request.status, 'pending')
    assert.equal(request.newPhone, newPhone)
    assert.equal(request.oldPhone, user.phone)
    assert.equal(request.photoType, 'jpg')
    assert.isTrue(await storage.exists(request.photoKey))
    await user.refresh()
    assert.notEqual(user.phone, newPhone)

    const page = await asApplicant(client.get(`/account/phone/requests/${request.id}`), user)
    assert.include(page.text(), '待审核')
    assert.include(page.text(), request.requestNo)
    const photo = await asApplicant(client.get(`/account/phone/requests/${request.id}/photo`), user)
    photo.assertStatus(200)
    photo.assertHeader('content-type', 'image/jpeg')
    const list = await asApplicant(client.get('/account/phone'), user)
    assert.include(list.text(), request.requestNo)
    const messages = await db.from('messages').where('user_id', user.id)
    assert.lengthOf(messages, 1)
  })

  test('an executable named .jpg, a PDF or a file over 5 MB is refused at the photo field', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const newPhone = uniquePhone()
    const code = await sendChangeCode(client, user, newPhone, '/account/phone/lost')
    const fields = {
      new_phone: newPhone,
      sms_code: code,
      id_type: 'resident_id',
      id_number: user.idNumber!,
      reason: '原手机号已停机',
    }
    const fake = await submitLost(client, user, fields, makeFakeFile('id.jpg'))
    assertFieldError(assert, fake, 'id_photo', '文件格式不正确，仅支持 JPG、PNG 格式')
    assert.equal(flash(fake, 'reason'), '原手机号已停机')
    const big = await submitLost(
      client,
      user,
      fields,
      makeFakeFile(
        'big.png',
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          randomBytes(5 * 1024 * 1024 + 10),
        ])
      )
    )
    assertFieldError(assert, big, 'id_photo', '文件大小不能超过 5 MB')
    assert.lengthOf(await PhoneChangeRequest.query().where('user_id', user.id), 0)
  })

  test("an ID number that is not the account's is refused; so is a second pending request", async ({
    client,
    assert,
  }) => {
    const user = await createUser({ idNumber: residentId('19900307', '110105', '123') })
    const newPhone = uniquePhone()
    const code = await sendChangeCode(client, user, newPhone, '/account/phone/lost')
    const mismatch = await submitLost(
      client,
      user,
      {
        new_phone: newPhone,
        sms_code: code,
        id_type: 'resident_id',
        id_number: residentId('19900307', '110105', '456'),
        reason: '原手机号已停机',
      },
      await makeImage('png', 20 * 1024)
    )
    assertFieldError(assert, mismatch, 'id_number', '证件号码与账号登记的信息不一致')
    const ok = await submitLost(
      client,
      user,
      {
        new_phone: newPhone,
        sms_code: code,
        id_type: 'resident_id',
        id_number: user.idNumber!,
        reason: '原手机号已停机',
      },
      await makeImage('png', 20 * 1024)
    )
    ok.assertStatus(302)
    const second = uniquePhone()
    const code2 = await sendChangeCode(client, user, second, '/account/phone/lost')
    const again = await submitLost(
      client,
      user,
      {
        new_phone: second,
        sms_code: code2,
        id_type: 'resident_id',
        id_number: user.idNumber!,
        reason: '原手机号已停机',
      },
      await makeImage('png', 20 * 1024)
    )
    assert.include(flash(again, 'error'), '已有一条待审核的手机号变更申请')
    assert.lengthOf(await PhoneChangeRequest.query().where('user_id', user.id), 1)
  })

  test('the applicant can withdraw a pending request', async ({ client, assert }) => {
    const user = await createUser()
    const newPhone = uniquePhone()
    const code = await sendChangeCode(client, user, newPhone, '/account/phone/lost')
    await submitLost(
      client,
      user,
      {
        new_phone: newPhone,
        sms_code: code,
        id_type: 'resident_id',
        id_number: user.idNumber!,
        reason: '原手机号已停机',
      },
      await makeImage('jpg', 20 * 1024)
    )
    const request = await PhoneChangeRequest.findByOrFail('user_id', user.id)
    const response = await asApplicant(
      client.post(`/account/phone/requests/${request.id}/cancel`),
      user
    )
      .withCsrfToken()
      .redirects(0)
    assert.equal(flash(response, 'success'), '申请已撤回')
    await request.refresh()
    assert.equal(request.status, 'cancelled')
    const twice = await asApplicant(
      client.post(`/account/phone/requests/${request.id}/cancel`),
      user
    )
      .withCsrfToken()
      .redirects(0)
    assert.include(flash(twice, 'error'), '已撤回')
  })

  test("another applicant's request, photo and cancel are not reachable (404)", async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const newPhone = uniquePhone()
    const code = await sendChangeCode(client, owner, newPhone, '/account/phone/lost')
    await submitLost(
      client,
      owner,
      {
        new_phone: newPhone,
        sms_code: code,
        id_type: 'resident_id',
        id_number: owner.idNumber!,
        reason: '原手机号已停机',
      },
      await makeImage('jpg', 20 * 1024)
    )
    const request = await PhoneChangeRequest.findByOrFail('user_id', owner.id)
    const stranger = await createUser()
    const page = await asApplicant(client.get(`/account/phone/requests/${request.id}`), stranger)
    page.assertStatus(404)
    const photo = await asApplicant(
      client.get(`/account/phone/requests/${request.id}/photo`),
      stranger
    )
    photo.assertStatus(404)
    const cancel = await asApplicant(
      client.post(`/account/phone/requests/${request.id}/cancel`),
      stranger
    )
      .withCsrfToken()
      .redirects(0)
    cancel.assertStatus(404)
    await request.refresh()
    assert.equal(request.status, 'pending')
    const anonymous = await client.get(`/account/phone/requests/${request.id}/photo`).redirects(0)
    anonymous.assertHeader('location', '/login')
    const garbage = await asApplicant(client.get('/account/phone/requests/1'), owner)
    garbage.assertStatus(404)
  })

  test('from the forgot-password page (not signed in), the account + ID number designate the account', async ({
    client,
    assert,
  }) => {
    const id = residentId('19920101', '310101', '555')
    const user = await createUser({ idNumber: id, email: 'lost@example.com' })
    const newPhone = uniquePhone()
    await client
      .post('/phone/lost')
      .withCsrfToken()
      .form({ new_phone: newPhone, intent: 'send_code' })
      .redirects(0)
    const code = await lastCode(newPhone, 'change_phone')
    const unknown = await client
      .post('/phone/lost')
      .withCsrfToken()
      .fields({
        account: 'nobody@example.com',
        new_phone: newPhone,
        sms_code: code,
        id_type: 'resident_id',
        id_number: id,
        reason: '原手机号已停机',
      })
      .file('id_photo', await makeImage('jpg', 20 * 1024))
      .redirects(0)
    assertFieldError(assert, unknown, 'account', '账号不存在')
    // the code was used up by that try: the account is only looked up behind a valid code
    const again = await client
      .post('/phone/lost')
      .withCsrfToken()
      .fields({
        account: 'lost@example.com',
        new_phone: newPhone,
        sms_code: code,
        id_type: 'resident_id',
        id_number: id,
        reason: '原手机号已停机',
      })
      .file('id_photo', await makeImage('jpg', 20 * 1024))
      .redirects(0)
    assertFieldError(assert, again, 'sms_code', '请先获取验证码')
    const otherPhone = uniquePhone()
    await client
      .post('/phone/lost')
      .withCsrfToken()
      .form({ new_phone: otherPhone, intent: 'send_code' })
      .redirects(0)
    const freshCode = await lastCode(otherPhone, 'change_phone')
    const response = await client
      .post('/phone/lost')
      .withCsrfToken()
      .fields({
        account: 'lost@example.com',
        new_phone: otherPhone,
        sms_code: freshCode,
        id_type: 'resident_id',
        id_number: id,
        reason: '原手机号已停机',
      })
      .file('id_photo', await makeImage('jpg', 20 * 1024))
      .redirects(0)
    response.assertHeader('location', '/login')
    const request = await PhoneChangeRequest.findByOrFail('user_id', user.id)
    assert.equal(request.source, 'guest')
    assert.include(flash(response, 'success'), request.requestNo)
  })
})
