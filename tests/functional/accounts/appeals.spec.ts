import { test } from '@japa/runner'
import AccountAppeal from '#accounts/models/account_appeal'
import { createUser, residentId, uniquePhone } from '#tests/helpers/factories'
import { assertFieldError, flash, lastCode } from './helpers.js'

async function appeal(client: any, fields: Record<string, string>) {
  await client
    .post('/appeal')
    .withCsrfToken()
    .form({ contact_phone: fields.contact_phone, intent: 'send_code' })
    .redirects(0)
  const code = await lastCode(fields.contact_phone, 'verify_phone')
  return client
    .post('/appeal')
    .withCsrfToken()
    .form({ sms_code: code, description: '账号误注销，需要找回以办理证书更新', ...fields })
    .redirects(0)
}

test.group('账号申诉 (applicant side)', () => {
  test('reachable from the login page without login, asking for 身份证号 and 真实姓名', async ({
    client,
    assert,
  }) => {
    const login = await client.get('/login')
    assert.include(login.text(), 'href="/appeal"')
    const page = await client.get('/appeal')
    page.assertStatus(200)
    for (const text of ['账号申诉', '身份证号', '真实姓名', '联系电话', '获取验证码', '申诉说明'])
      assert.include(page.text(), text)
  })

  test('registered name + ID of a deregistered account → a pending appeal with a number', async ({
    client,
    assert,
  }) => {
    const id = residentId('19851212', '440305', '228')
    const user = await createUser({ name: '陈晨', idNumber: id, status: 'deregistered' })
    const contact = uniquePhone()
    const response = await appeal(client, {
      id_number: id,
      real_name: '陈晨',
      contact_phone: contact,
    })
    response.assertHeader('location', '/appeal/submitted')
    const record = await AccountAppeal.findByOrFail('user_id', user.id)
    assert.equal(record.status, 'pending')
    assert.equal(record.contactPhone, contact)
    const page = await client.get('/appeal/submitted').withFlashMessages(response.flashMessages())
    assert.include(page.text(), record.requestNo)
    assert.include(page.text(), `${contact.slice(0, 3)}****${contact.slice(7)}`)
  })

  test('the verified (实名) name and ID match too, with a lower-case x check character', async ({
    client,
    assert,
  }) => {
    let id = ''
    for (let seq = 0; !id.endsWith('X'); seq++)
      id = residentId('19700101', '110101', String(seq).padStart(3, '0'))
    const user = await createUser({
      name: null,
      idNumber: null,
      realName: '周芳',
      realIdNumber: id,
      realNameStatus: 'verified',
      status: 'deregistered',
    })
    const response = await appeal(client, {
      id_number: id.toLowerCase(),
      real_name: '周芳',
      contact_phone: uniquePhone(),
    })
    response.assertHeader('location', '/appeal/submitted')
    const record = await AccountAppeal.findByOrFail('user_id', user.id)
    assert.equal(record.idNumber, id)
  })

  test('no matching deregistered account: refused at the field, nothing stored', async ({
    client,
    assert,
  }) => {
    const id = residentId('19851212', '440305', '228')
    await createUser({ name: '陈晨', idNumber: id })
    const active = await appeal(client, {
      id_number: id,
      real_name: '陈晨',
      contact_phone: uniquePhone(),
    })
    assertFieldError(assert, active, 'id_number', '未找到与该身份证号和姓名匹配的已注销账号')
    const wrongName = await appeal(client, {
      id_number: id,
      real_name: '陈小晨',
      contact_phone: uniquePhone(),
    })
    assertFieldError(assert, wrongName, 'id_number', '未找到')
    assert.lengthOf(await AccountAppeal.all(), 0)
  })

  test('bad input is refused at the fields', async ({ client, assert }) => {
    const response = await client
      .post('/appeal')
      .withCsrfToken()
      .form({
        id_number: '123456789123456789',
        real_name: '陈',
        contact_phone: '12440',
        sms_code: '1',
      })
      .redirects(0)
    assertFieldError(assert, response, 'id_number', '身份证号第 7-14 位（出生日期）不是有效日期')
    assertFieldError(assert, response, 'contact_phone', '请输入合法手机号/电话号')
    assertFieldError(assert, response, 'description', '请填写申诉说明')
  })

  test('a second appeal while one is pending is refused', async ({ client, assert }) => {
    const id = residentId('19851212', '440305', '228')
    await createUser({ name: '陈晨', idNumber: id, status: 'deregistered' })
    await appeal(client, { id_number: id, real_name: '陈晨', contact_phone: uniquePhone() })
    const second = await appeal(client, {
      id_number: id,
      real_name: '陈晨',
      contact_phone: uniquePhone(),
    })
    assert.include(flash(second, 'error'), '已有一条待审核的申诉')
    assert.lengthOf(await AccountAppeal.all(), 1)
  })

  test('/appeal/submitted without a fresh appeal goes back to the form', async ({ client }) => {
    const response = await client.get('/appeal/submitted').redirects(0)
    response.assertHeader('location', '/appeal')
  })
})
