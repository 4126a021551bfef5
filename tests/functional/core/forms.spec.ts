import { test } from '@japa/runner'
import env from '#start/env'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'

const base = `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * What every form gets from the exception handler and the field
 * component: back to the very page it came from, typed values kept,
 * secrets never.
 */
test.group('Forms · coming back with errors', () => {
  test('a form reached with a query string comes back to it: 机构/企业 registration shows the credit-code message', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/register')
      .header('referer', `${base}/register?type=org`)
      .withCsrfToken()
      .form({
        account_type: 'org',
        org_name: '示例科技有限公司',
        uscc: '12440',
        region_code: '110108',
        phone: '13912345670',
        legal_rep_name: '李四',
        password: 'Abcdef1234',
        password_confirmation: 'Abcdef1234',
        sms_code: '123456',
        agree: '1',
      })
      .redirects(0)
    response.assertStatus(302)
    const location = new URL(response.header('location') ?? '', base)
    assert.equal(location.pathname + location.search, '/register?type=org')

    const page = await client.get('/register?type=org').withFlashMessages(response.flashMessages())
    assert.include(page.text(), 'name="uscc" value="12440"')
    assert.include(page.text(), '请输入 18 位统一社会信用代码')
    assert.include(page.text(), 'value="示例科技有限公司"')
  })

  test('短信登录 with a wrong phone comes back to the SMS form, not the password form', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/login/sms')
      .header('referer', `${base}/login?mode=sms`)
      .withCsrfToken()
      .form({ phone: '12440', sms_code: '123456', agree: '1' })
      .redirects(0)
    const location = new URL(response.header('location') ?? '', base)
    assert.equal(location.pathname + location.search, '/login?mode=sms')
  })

  test('PINs and passwords are never flashed back, whatever the field is called', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/register')
      .header('referer', `${base}/register`)
      .withCsrfToken()
      .form({
        account_type: 'person',
        phone: '12440',
        password: 'Abcdef1234',
        password_confirmation: 'Abcdef1234',
        pin: '802615',
        new_pin: '468024',
        new_pin_confirmation: '468024',
        old_pin: '802615',
        agree: '1',
      })
      .redirects(0)
    const flashed = response.flashMessages() ?? {}
    assert.equal(flashed.phone, '12440', 'ordinary fields are kept')
    for (const secret of [
      'password',
      'password_confirmation',
      'pin',
      'new_pin',
      'new_pin_confirmation',
      'old_pin',
    ]) {
      assert.notProperty(flashed, secret)
    }
  })

  test('a password input never shows a value, even one left in the flash messages', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/register').withFlashMessages({
      phone: '13912345678',
      password: 'Leaked12345',
      password_confirmation: 'Leaked12345',
    })
    assert.include(page.text(), 'value="13912345678"')
    assert.notInclude(page.text(), 'Leaked12345')
  })

  test('获取验证码 on /register without JavaScript keeps the typed passwords for that one round trip, server-side', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/register')
      .header('referer', `${base}/register`)
      .withCsrfToken()
      .form({
        account_type: 'person',
        name: '陈一',
        phone: '13912345671',
        password: 'Kept0nce123',
        password_confirmation: 'Kept0nce123',
        intent: 'send_code',
      })
      .redirects(0)
    response.assertStatus(302)
    assert.notInclude(response.header('set-cookie')?.toString() ?? '', 'Kept0nce123')
    const flashed = response.flashMessages() ?? {}
    assert.notProperty(flashed, 'password', 'never among the ordinary kept fields')
    assert.deepEqual(flashed.keptSecrets, {
      password: 'Kept0nce123',
      password_confirmation: 'Kept0nce123',
    })
    const page = await client.get('/register').withFlashMessages(flashed)
    assert.include(page.text(), 'value="陈一"')
    assert.lengthOf(page.text().match(/type="password"[^>]*value="Kept0nce123"/g) ?? [], 2)
    /* the next page has forgotten them */
    const again = await client.get('/register')
    assert.notInclude(again.text(), 'Kept0nce123')
  })
})

/**
 * The first submit button of a form is the one Enter presses. In a form
 * with 获取验证码 that must not be the code button: typing the code and
 * pressing Enter (前往 on a phone keyboard) would ask for another code
 * instead of signing in, and with the new code the typed one dies.
 */
function defaultButtons(html: string): string[] {
  const forms = html.match(/<form[\s\S]*?<\/form>/g) ?? []
  return forms
    .filter((form) => form.includes('data-sms-send'))
    .map((form) => (form.match(/<button[^>]*type="submit"[^>]*>/g) ?? [])[0] ?? '')
}

test.group('Forms · Enter submits the form, not 获取验证码', () => {
  for (const url of [
    '/login?mode=sms',
    '/register',
    '/register?type=org',
    '/password/forgot',
    '/phone/lost',
    '/appeal',
  ]) {
    test(`${url}`, async ({ client, assert }) => {
      const page = await client.get(url)
      const buttons = defaultButtons(page.text())
      assert.isNotEmpty(buttons)
      for (const button of buttons) assert.notInclude(button, 'name="intent"', button)
    })
  }

  test('注销账号: Enter also asks for the confirmation', async ({ client, assert }) => {
    const user = await createUser()
    const page = await asApplicant(client.get('/account/deregister'), user)
    const [button] = defaultButtons(page.text())
    assert.notInclude(button, 'name="intent"')
    assert.include(button, 'data-confirm="注销后将无法登录，确定继续注销吗？"')
  })
})

test.group('Forms · without a Referer', () => {
  test('a back-office form posted without a Referer comes back to its page with the message at the field', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const response = await asStaff(client.post('/admin/staff'), admin)
      .withCsrfToken()
      .form({ username: '1x', name: '新同事', roles: ['reviewer'], password_mode: 'generate' })
      .redirects(0)
    response.assertStatus(302)
    assert.isUndefined(response.request.request.get('referer'))
    assert.equal(response.header('location'), '/admin/staff/create')
    const page = await asStaff(client.get('/admin/staff/create'), admin).withFlashMessages(
      response.flashMessages()
    )
    const html = page.text()
    assert.include(html, 'name="name" value="新同事"')
    assert.match(html, /用户名[^<]*(格式|字母)/)
  })

  test('an applicant form posted without a Referer comes back to the same page', async ({
    client,
  }) => {
    const response = await client
      .post('/register')
      .withCsrfToken()
      .form({ account_type: 'person', phone: '12440' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/register')
  })
})

test.group('Security headers', () => {
  test('pages, files and errors say Referrer-Policy same-origin and allow no device features', async ({
    client,
    assert,
  }) => {
    for (const url of ['/', '/login', '/css/app.css', '/no-such-page']) {
      const response = await client.get(url)
      assert.equal(response.header('referrer-policy'), 'same-origin', url)
      assert.include(response.header('permissions-policy') ?? '', 'camera=()', url)
      assert.include(response.header('permissions-policy') ?? '', 'geolocation=()', url)
    }
  })
})
