import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DEFAULT_PASSWORD, createUser, residentId, usccCode } from '#tests/helpers/factories'
import { asApplicant } from '#tests/helpers/auth'
import { assertFieldError, flash } from './helpers.js'

test.group('个人中心', () => {
  test('shows the account type, name, masked phone and ID, region and real-name status, and every security page', async ({
    client,
    assert,
  }) => {
    const id = residentId('19900307', '110105', '123')
    const user = await createUser({
      name: '张三',
      phone: '13800138000',
      idNumber: id,
      regionCode: '110105',
    })
    const page = await asApplicant(client.get('/account'), user)
    page.assertStatus(200)
    const text = page.text()
    for (const part of [
      '自然人',
      '张三',
      '138****8000',
      `${id.slice(0, 4)}**********${id.slice(-4)}`,
      '北京市 朝阳区',
      '未实名',
    ]) {
      assert.include(text, part)
    }
    assert.notInclude(text, '13800138000')
    assert.notInclude(text, id)
    for (const href of [
      '/account/edit',
      '/account/password',
      '/account/phone',
      '/account/devices',
      '/account/logs',
      '/account/deregister',
      '/messages',
      '/account/real-name',
    ]) {
      assert.include(text, `href="${href}"`)
    }
  })

  test('an organisation sees its name, credit code and legal representative', async ({
    client,
    assert,
  }) => {
    const uscc = usccCode()
    const user = await createUser({
      accountType: 'org',
      name: null,
      idType: null,
      idNumber: null,
      orgName: '示例建设有限公司',
      uscc,
      legalRepName: '王五',
    })
    const page = await asApplicant(client.get('/account'), user)
    for (const part of ['机构/企业', '示例建设有限公司', uscc, '王五'])
      assert.include(page.text(), part)
  })

  test('a person edits name, region and email; the email then works for login', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ name: '张三' })
    const response = await asApplicant(client.post('/account/edit'), user)
      .withCsrfToken()
      .form({ name: '张三丰', region_code: '310101', email: 'Zhang@Example.com' })
      .redirects(0)
    response.assertHeader('location', '/account')
    assert.equal(flash(response, 'success'), '您已成功修改个人信息')
    await user.refresh()
    assert.equal(user.name, '张三丰')
    assert.equal(user.regionCode, '310101')
    assert.equal(user.email, 'zhang@example.com')
    const entry = await db
      .from('audit_logs')
      .where('action', 'accounts.profile.update')
      .where('subject_id', user.id)
      .first()
    assert.deepEqual(JSON.parse(entry.data).fields.sort(), ['email', 'name', 'region_code'])
    const login = await client
      .post('/login')
      .withCsrfToken()
      .form({ account: 'zhang@example.com', password: DEFAULT_PASSWORD })
      .redirects(0)
    login.assertHeader('location', '/')
  })

  test('an organisation edits its name and legal representative (manual 001 §5.1)', async ({
    client,
    assert,
  }) => {
    const user = await createUser({
      accountType: 'org',
      name: null,
      idType: null,
      idNumber: null,
      orgName: '旧名称有限公司',
      uscc: usccCode(),
      legalRepName: '王五',
    })
    const response = await asApplicant(client.post('/account/edit'), user)
      .withCsrfToken()
      .form({ org_name: '新名称有限公司', legal_rep_name: '赵六', region_code: '110105' })
      .redirects(0)
    assert.equal(flash(response, 'success'), '您已成功修改个人信息')
    await user.refresh()
    assert.equal(user.orgName, '新名称有限公司')
    assert.equal(user.legalRepName, '赵六')
  })

  test('an email another account uses, a bad email or region are refused at the field', async ({
    client,
    assert,
  }) => {
    await createUser({ email: 'taken@example.com' })
    const user = await createUser()
    const taken = await asApplicant(client.post('/account/edit'), user)
      .withCsrfToken()
      .form({ name: '张三', region_code: '110105', email: 'TAKEN@example.com' })
      .redirects(0)
    taken.assertHeader('location', '/account/edit')
    assertFieldError(assert, taken, 'email', '该邮箱已被其他账号使用')
    const bad = await asApplicant(client.post('/account/edit'), user)
      .withCsrfToken()
      .form({ name: '张三', region_code: '999999', email: 'not-an-email' })
      .redirects(0)
    assertFieldError(assert, bad, 'email', '请输入正确的邮箱地址')
    assertFieldError(assert, bad, 'region_code', '请选择所在行政区')
  })

  test('a verified person cannot rename themselves', async ({ client, assert }) => {
    const user = await createUser({ name: '张三', realNameStatus: 'verified', realName: '张三' })
    await asApplicant(client.post('/account/edit'), user)
      .withCsrfToken()
      .form({ name: '李四', region_code: '110105' })
      .redirects(0)
    await user.refresh()
    assert.equal(user.name, '张三')
    const page = await asApplicant(client.get('/account/edit'), user)
    assert.include(page.text(), '已完成实名认证，姓名不能修改')
  })

  test('个人中心 needs a login', async ({ client }) => {
    const response = await client.get('/account').redirects(0)
    response.assertHeader('location', '/login')
  })
})

test.group('Home page after login', () => {
  test('shows the latest messages and the empty order progress', async ({ client, assert }) => {
    const user = await createUser()
    const { default: messages } = await import('#core/messages/message_service')
    await messages.send(user.id, {
      category: 'account',
      title: '欢迎使用在线办理系统',
      body: '您好',
    })
    const page = await asApplicant(client.get('/'), user)
    assert.include(page.text(), '欢迎使用在线办理系统')
    assert.include(page.text(), '您还没有证书申请')
    assert.include(page.text(), '通知公告')
  })
})

test.group('Accounts pages render in Chinese', () => {
  test('every applicant page of the module opens without error', async ({ client, assert }) => {
    const person = await createUser()
    const org = await createUser({
      accountType: 'org',
      name: null,
      idType: null,
      idNumber: null,
      orgName: '示例机构',
      uscc: usccCode(),
      legalRepName: '王五',
    })
    for (const url of [
      '/account',
      '/account/edit',
      '/account/password',
      '/account/phone',
      '/account/phone/lost',
      '/account/devices',
      '/account/logs',
      '/account/deregister',
    ]) {
      for (const user of [person, org]) {
        const page = await asApplicant(client.get(url), user)
        page.assertStatus(200)
        assert.include(page.text(), '个人中心', url)
      }
    }
    const orgEdit = await asApplicant(client.get('/account/edit'), org)
    for (const text of ['机构名称', '法定代表人', '统一社会信用代码不能在线修改'])
      assert.include(orgEdit.text(), text)
    for (const url of [
      '/login',
      '/login?mode=sms',
      '/register',
      '/register?type=org',
      '/password/forgot',
      '/phone/lost',
      '/appeal',
    ]) {
      const page = await client.get(url)
      page.assertStatus(200)
      assert.include(page.text(), '<html lang="zh-CN">', url)
    }
    const lost = await client.get('/phone/lost')
    for (const text of ['手机号变更申请', '登录账号', '新手机号', '证件照片', '申请原因'])
      assert.include(lost.text(), text)
  })
})
