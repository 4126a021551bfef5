import { test } from '@japa/runner'

test.group('Home page', () => {
  test('a visitor sees the hall in Chinese with login and register links', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/')
    response.assertStatus(200)
    assert.include(response.text(), '注册账号')
    assert.include(response.text(), '<html lang="zh-CN">')
  })

  test('an unknown page shows a Chinese 404 page with a reference id', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/no-such-page')
    response.assertStatus(404)
    assert.include(response.text(), '页面不存在')
    assert.include(response.text(), '参考编号')
  })

  test('the site has a favicon (no 404 in every browser tab)', async ({ client, assert }) => {
    const response = await client.get('/favicon.ico')
    response.assertStatus(200)
    assert.include(String(response.header('content-type')), 'icon')
  })
})

test.group('Error pages a person can read', () => {
  test("another applicant's message is a styled Chinese 404 inside the site layout, not an empty page", async ({
    client,
    assert,
  }) => {
    const { createUser } = await import('#tests/helpers/factories')
    const { asApplicant } = await import('#tests/helpers/auth')
    const user = await createUser()
    const response = await asApplicant(
      client.get('/messages/00000000-0000-4000-8000-000000000000'),
      user
    )
    response.assertStatus(404)
    assert.include(response.text(), '页面不存在')
    assert.include(response.text(), 'top-menu', 'the applicant layout with its menu')
    assert.include(response.text(), '参考编号')
  })

  test('a back-office 404 is shown in the back-office layout', async ({ client, assert }) => {
    const { createStaff } = await import('#tests/helpers/factories')
    const { asStaff } = await import('#tests/helpers/auth')
    const staff = await createStaff(['super_admin'])
    const response = await asStaff(client.get('/admin/audit/999999999'), staff)
    response.assertStatus(404)
    assert.include(response.text(), '返回后台工作台')
    assert.include(response.text(), 'admin-content', 'the back-office layout')
  })
})

test.group('Home page, signed in', () => {
  test('an applicant sees the empty order progress and messages sections', async ({
    client,
    assert,
  }) => {
    const { createUser } = await import('#tests/helpers/factories')
    const { asApplicant } = await import('#tests/helpers/auth')
    const user = await createUser({ name: '李四' })
    const response = await asApplicant(client.get('/'), user)
    response.assertStatus(200)
    assert.include(response.text(), '李四')
    assert.include(response.text(), '您还没有证书申请')
    assert.include(response.text(), '最近消息')
  })

  test('a staff member opens the back office dashboard', async ({ client, assert }) => {
    const { createStaff } = await import('#tests/helpers/factories')
    const { asStaff } = await import('#tests/helpers/auth')
    const staff = await createStaff(['reviewer'])
    const response = await asStaff(client.get('/admin'), staff)
    response.assertStatus(200)
    assert.include(response.text(), '工作台')
    assert.include(response.text(), staff.name)
  })

  test('the back office sends a visitor to the staff login', async ({ client }) => {
    const response = await client.get('/admin').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/login')
  })
})

test.group('Sandbox banner', () => {
  test('every simulated provider is named in the 测试/沙箱 banner from the first page on', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/')
    const text = response.text()
    assert.include(text, '测试/沙箱环境')
    assert.include(text, '短信：发件箱模式')
    assert.include(text, '实名认证：沙箱核验')
    assert.include(text, '支付：已启用“沙箱支付”')
  })
})
