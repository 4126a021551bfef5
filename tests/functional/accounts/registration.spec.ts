import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#accounts/models/user'
import { createUser, residentId, uniquePhone } from '#tests/helpers/factories'
import { assertFieldError, expireCodes, fieldErrors, flash, lastCode } from './helpers.js'

const PASSWORD = 'Abcdef1234'
/** 91110108551385082Q: a real, well-formed credit code (GB 32100 check character Q) */
const USCC = '91110108551385082Q'

function personForm(overrides: Record<string, string> = {}) {
  return {
    account_type: 'person',
    name: '王小明',
    phone: uniquePhone(),
    id_type: 'resident_id',
    id_number: residentId('19880512', '110105', '031'),
    region_code: '110105',
    password: PASSWORD,
    password_confirmation: PASSWORD,
    sms_code: '',
    agree: '1',
    ...overrides,
  }
}

function orgForm(overrides: Record<string, string> = {}) {
  return {
    account_type: 'org',
    org_name: '示例科技有限公司',
    uscc: USCC,
    region_code: '110108',
    phone: uniquePhone(),
    legal_rep_name: '李四',
    password: PASSWORD,
    password_confirmation: PASSWORD,
    sms_code: '',
    agree: '1',
    ...overrides,
  }
}

function post(client: any, form: Record<string, string>) {
  return client.post('/register').withCsrfToken().form(form).redirects(0)
}

async function withCode(
  client: any,
  form: Record<string, string>
): Promise<Record<string, string>> {
  const sent = await post(client, { ...form, intent: 'send_code' })
  sent.assertStatus(302)
  return { ...form, sms_code: await lastCode(form.phone, 'register') }
}

test.group('Registration · pages', () => {
  test('the register page shows both types, the manual fields, the agreements and 重置', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/register')
    page.assertStatus(200)
    for (const text of [
      '温馨提示',
      '自然人',
      '机构/企业',
      '姓名',
      '联系电话',
      '有效证件类型',
      '居民身份证',
      '证件号码',
      '所在行政区',
      '确认密码',
      '获取验证码',
      '《用户服务协议》',
      '《隐私政策》',
      '立即注册',
      '重置',
    ]) {
      assert.include(page.text(), text)
    }
    const org = await client.get('/register?type=org')
    for (const text of [
      '机构名称',
      '统一社会信用代码',
      '行政区',
      '法定代表人',
      'name="account_type" value="org"',
    ]) {
      assert.include(org.text(), text)
    }
  })

  test('重置 is a plain link back to an empty form of the same type', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/register?type=org')
    assert.include(page.text(), 'href="/register?type=org">重置</a>')
    const withInput = await client.get('/register').withFlashMessages({ name: '王小明' })
    assert.include(withInput.text(), 'value="王小明"')
    const reset = await client.get('/register')
    assert.notInclude(reset.text(), 'value="王小明"')
  })

  test('the agreements are our own texts at /agreements/<name>', async ({ client, assert }) => {
    for (const [name, title] of [
      ['service', '用户服务协议'],
      ['privacy', '隐私政策'],
      ['deregistration', '账号注销须知'],
    ]) {
      const page = await client.get(`/agreements/${name}`)
      page.assertStatus(200)
      assert.include(page.text(), title)
      assert.include(page.text(), '示例数字证书服务中心')
    }
    const missing = await client.get('/agreements/nothing')
    missing.assertStatus(404)
  })
})

test.group('Registration · 获取验证码', () => {
  test('without JavaScript the code is sent and every field except passwords is kept', async ({
    client,
    assert,
  }) => {
    const form = personForm()
    const response = await post(client, { ...form, intent: 'send_code' })
    response.assertStatus(302)
    response.assertHeader('location', '/register')
    assert.equal(
      flash(response, 'success'),
      `验证码已发送至 ${form.phone.slice(0, 3)}****${form.phone.slice(7)}`
    )
    assert.equal(flash(response, 'name'), '王小明')
    assert.equal(flash(response, 'id_number'), form.id_number)
    assert.equal(flash(response, 'region_code'), '110105')
    assert.isUndefined(flash(response, 'password'))
    assert.match(await lastCode(form.phone, 'register'), /^\d{6}$/)

    const page = await client.get('/register').withFlashMessages(response.flashMessages())
    assert.include(page.text(), '验证码已发送至')
    assert.include(page.text(), 'value="王小明"')
  })

  test('an invalid phone gets the manual message at the phone field, and nothing is sent', async ({
    client,
    assert,
  }) => {
    const response = await post(client, { ...personForm({ phone: '12440' }), intent: 'send_code' })
    assertFieldError(assert, response, 'phone', '请输入合法手机号/电话号')
    const sent = await db.from('sms_messages').where('phone', '12440')
    assert.lengthOf(sent, 0)
  })

  test('获取验证码 answers a registered phone like a free one (and sends nothing); a deregistered one is pointed to 账号申诉', async ({
    client,
    assert,
  }) => {
    const active = await createUser()
    const taken = await post(client, {
      ...personForm({ phone: active.phone }),
      intent: 'send_code',
    })
    assert.deepEqual(fieldErrors(taken), {})
    assert.include(flash(taken, 'success') ?? '', '验证码已发送至')
    assert.notInclude(JSON.stringify(taken.flashMessages()), '已注册')
    assert.lengthOf(await db.from('sms_messages').where('phone', active.phone), 0)
    const gone = await createUser({ status: 'deregistered' })
    const deregistered = await post(client, {
      ...personForm({ phone: gone.phone }),
      intent: 'send_code',
    })
    assertFieldError(assert, deregistered, 'phone', '账号已注销，如需找回账号，请进行账号申诉')
  })
})

test.group('Registration · success', () => {
  test('a person registers with a valid SMS code and is signed in', async ({ client, assert }) => {
    const form = await withCode(client, personForm())
    const response = await post(client, form)
    response.assertStatus(302)
    response.assertHeader('location', '/account')
    assert.equal(flash(response, 'success'), '注册成功，欢迎使用')
    const user = await User.findByOrFail('phone', form.phone)
    assert.equal(user.accountType, 'person')
    assert.equal(user.name, '王小明')
    assert.equal(user.idType, 'resident_id')
    assert.equal(user.idNumber, form.id_number)
    assert.equal(user.regionCode, '110105')
    assert.isTrue(user.passwordSet)
    assert.isTrue(await user.verifyPassword(PASSWORD))
    assert.isNotNull(user.lastLoginAt)
    const audit = await db
      .from('audit_logs')
      .where('action', 'accounts.user.register')
      .where('subject_id', user.id)
    assert.lengthOf(audit, 1)
    const device = await db.from('user_devices').where('user_id', user.id).first()
    assert.equal(device.login_method, 'password')
  })

  test('an organisation registers with its credit code, legal representative and region', async ({
    client,
    assert,
  }) => {
    const form = await withCode(client, orgForm({ uscc: USCC.toLowerCase() }))
    const response = await post(client, form)
    response.assertHeader('location', '/account')
    const user = await User.findByOrFail('phone', form.phone)
    assert.equal(user.accountType, 'org')
    assert.equal(user.orgName, '示例科技有限公司')
    assert.equal(user.uscc, USCC)
    assert.equal(user.legalRepName, '李四')
    assert.equal(user.displayName, '示例科技有限公司')
  })

  test('a passport holder registers with a passport number of 5+ characters', async ({
    client,
    assert,
  }) => {
    const form = await withCode(client, personForm({ id_type: 'passport', id_number: 'E1234567' }))
    const response = await post(client, form)
    response.assertHeader('location', '/account')
    const user = await User.findByOrFail('phone', form.phone)
    assert.equal(user.idType, 'passport')
  })
})

test.group("Registration · the manuals' bad examples are refused at the field", () => {
  for (const phone of [
    '12440',
    '1111111111',
    '11111111111111111111',
    '111111111111111111',
    '12345678901',
  ]) {
    test(`联系电话 "${phone}" → 请输入合法手机号/电话号`, async ({ client, assert }) => {
      const person = await post(client, personForm({ phone, sms_code: '123456' }))
      assertFieldError(assert, person, 'phone', '请输入合法手机号/电话号')
      const org = await post(client, orgForm({ phone, sms_code: '123456' }))
      assertFieldError(assert, org, 'phone', '请输入合法手机号/电话号')
    })
  }

  for (const [idNumber, reason] of [
    ['123', '请输入 18 位身份证号'],
    ['11111111111111111111', '请输入 18 位身份证号'],
    ['123456789123456789', '身份证号第 7-14 位（出生日期）不是有效日期'],
    ['110105198802300315', '身份证号第 7-14 位（出生日期）不是有效日期'],
    ['110105198805120318', '身份证号最后一位（校验码）不正确'],
    ['990105198805120317', '身份证号前 6 位（地区码）不正确'],
  ]) {
    test(`证件号码 (居民身份证) "${idNumber}" → ${reason}`, async ({ client, assert }) => {
      const response = await post(client, personForm({ id_number: idNumber, sms_code: '123456' }))
      assertFieldError(assert, response, 'id_number', reason)
    })
  }

  test('a passport number shorter than 5 characters is refused', async ({ client, assert }) => {
    const response = await post(
      client,
      personForm({ id_type: 'passport', id_number: 'E12', sms_code: '123456' })
    )
    assertFieldError(assert, response, 'id_number', '护照号码需 5 位及以上')
  })

  for (const uscc of ['12440', '1111111111', '11111111111111111111']) {
    test(`统一社会信用代码 "${uscc}" → 请输入 18 位统一社会信用代码`, async ({
      client,
      assert,
    }) => {
      const response = await post(client, orgForm({ uscc, sms_code: '123456' }))
      assertFieldError(assert, response, 'uscc', '请输入 18 位统一社会信用代码')
    })
  }

  for (const [uscc, reason] of [
    ['111111111111111111', '第 9-17 位（组织机构代码）的校验码不正确'],
    ['91110108551385082A', '最后一位（校验码）不正确'],
    ['94110108551385082Q', '第 2 位（机构类别代码）与登记管理部门不符'],
  ]) {
    test(`统一社会信用代码 "${uscc}" is refused: ${reason}`, async ({ client, assert }) => {
      const response = await post(client, orgForm({ uscc, sms_code: '123456' }))
      assertFieldError(assert, response, 'uscc', `统一社会信用代码${reason}`)
    })
  }

  for (const password of [
    '123',
    '123456789',
    'a12345678',
    'A12345678',
    'Aa123',
    "a'12345678",
    'Abcdef12',
  ]) {
    test(`密码 "${password}" → 密码为数字、小写字母、大写字母，且长度大于 8 位`, async ({
      client,
      assert,
    }) => {
      const response = await post(
        client,
        personForm({ password, password_confirmation: password, sms_code: '123456' })
      )
      assertFieldError(
        assert,
        response,
        'password',
        '密码为数字、小写字母、大写字母，且长度大于 8 位'
      )
    })
  }

  test('确认密码 that differs → 两次输入的密码不一致', async ({ client, assert }) => {
    const response = await post(
      client,
      personForm({ password_confirmation: 'Abcdef12345', sms_code: '123456' })
    )
    assertFieldError(assert, response, 'password_confirmation', '两次输入的密码不一致')
  })

  test('empty fields say which one is missing, in Chinese', async ({ client, assert }) => {
    const response = await post(client, { account_type: 'person' })
    const errors = fieldErrors(response)
    assert.deepInclude(errors.name, '请填写姓名')
    assert.deepInclude(errors.phone, '请填写手机号')
    assert.deepInclude(errors.sms_code, '请填写短信验证码')
    assert.deepInclude(errors.agree, '请阅读并勾选用户服务协议和隐私政策')
    const org = fieldErrors(await post(client, { account_type: 'org' }))
    assert.deepInclude(org.org_name, '请填写机构名称')
    assert.deepInclude(org.uscc, '请填写统一社会信用代码')
    assert.deepInclude(org.legal_rep_name, '请填写法定代表人')
  })

  test('the error is shown at the field when the form comes back, with the input kept', async ({
    client,
    assert,
  }) => {
    const response = await post(client, personForm({ id_number: '123', sms_code: '123456' }))
    const page = await client.get('/register').withFlashMessages(response.flashMessages())
    assert.include(page.text(), '请输入 18 位身份证号')
    assert.include(page.text(), 'value="王小明"')
    assert.include(page.text(), 'value="123"')
    assert.notInclude(page.text(), PASSWORD)
  })

  test('without the agreement checkbox nothing is created', async ({ client, assert }) => {
    const form = await withCode(client, personForm())
    const response = await post(client, { ...form, agree: '' })
    assertFieldError(assert, response, 'agree', '请阅读并勾选')
    assert.isNull(await User.findBy('phone', form.phone))
  })
})

test.group('Registration · SMS codes', () => {
  test('a wrong code is refused and counts; the fifth wrong try kills the code', async ({
    client,
    assert,
  }) => {
    const form = await withCode(client, personForm())
    const wrong = form.sms_code === '000000' ? '111111' : '000000'
    const first = await post(client, { ...form, sms_code: wrong })
    assertFieldError(assert, first, 'sms_code', '验证码错误，还可尝试 4 次')
    for (let i = 0; i < 3; i++) await post(client, { ...form, sms_code: wrong })
    const fifth = await post(client, { ...form, sms_code: wrong })
    assertFieldError(assert, fifth, 'sms_code', '验证码错误次数过多，请重新获取')
    const right = await post(client, form)
    assertFieldError(assert, right, 'sms_code', '验证码错误次数过多，请重新获取')
    assert.isNull(await User.findBy('phone', form.phone))
  })

  test('an expired code is refused', async ({ client, assert }) => {
    const form = await withCode(client, personForm())
    await expireCodes(form.phone)
    const response = await post(client, form)
    assertFieldError(assert, response, 'sms_code', '验证码已过期，请重新获取')
    assert.isNull(await User.findBy('phone', form.phone))
  })

  test('a code cannot be used twice, nor for another phone or purpose', async ({
    client,
    assert,
  }) => {
    const form = await withCode(client, personForm())
    const other = personForm()
    const elsewhere = await post(client, { ...other, sms_code: form.sms_code })
    assertFieldError(assert, elsewhere, 'sms_code', '请先获取验证码')
    const ok = await post(client, form)
    ok.assertHeader('location', '/account')
    await db.from('users').where('phone', form.phone).delete()
    const again = await post(client, form)
    assertFieldError(assert, again, 'sms_code', '请先获取验证码')
  })

  test('a phone registered meanwhile is refused at submit', async ({ client, assert }) => {
    const form = await withCode(client, personForm())
    await createUser({ phone: form.phone })
    const response = await post(client, form)
    assertFieldError(assert, response, 'phone', '该手机号已注册')
  })
})
