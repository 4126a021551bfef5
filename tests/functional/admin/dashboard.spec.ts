import { test } from '@japa/runner'
import verificationCodes from '#core/sms/verification_codes'
import { createStaff, uniquePhone } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'

function counterValue(html: string, label: string): number | null {
  const match = html.match(
    new RegExp(`<div class="num">(\\d+)</div>\\s*<div class="label">${label}</div>`)
  )
  return match ? Number(match[1]) : null
}

test.group('Dashboard (工作台)', () => {
  test('a super admin sees the staff, SMS and audit counters and every work queue', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    await createStaff(['reviewer'])
    await createStaff(['finance'], { isActive: false })
    await verificationCodes.send(uniquePhone(), 'register', null)
    await verificationCodes.send(uniquePhone(), 'login', null)

    const response = await asStaff(client.get('/admin'), admin)
    response.assertStatus(200)
    const html = response.text()
    assert.equal(counterValue(html, '在用工作人员'), 2)
    assert.equal(counterValue(html, '今日短信'), 2)
    assert.equal(counterValue(html, '今日短信发送失败'), 0)
    assert.isAbove(counterValue(html, '今日审计记录') ?? -1, -1)
    assert.include(html, '待办')
    for (const href of [
      '/admin/reviews/orders',
      '/admin/fulfilment/make',
      '/admin/payments/transfers',
    ]) {
      assert.include(html, `href="${href}"`)
    }
  })

  test('a reviewer sees the review queues only and no staff or SMS figures', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const html = (await asStaff(client.get('/admin'), reviewer)).text()
    assert.include(html, '审核 · 实名认证审核')
    assert.include(html, '审核 · 订单审核')
    assert.notInclude(html, '制证与交付 · 待制证')
    assert.notInclude(html, '财务 · 转账凭证确认')
    assert.isNull(counterValue(html, '在用工作人员'))
    assert.isNull(counterValue(html, '今日短信'))
    assert.isNull(counterValue(html, '今日审计记录'))
  })

  test("an operator sees the making and delivery queues and today's SMS", async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    await verificationCodes.send(uniquePhone(), 'register', null)
    const html = (await asStaff(client.get('/admin'), operator)).text()
    assert.include(html, '制证与交付 · 待制证')
    assert.include(html, '制证与交付 · 待发货')
    assert.notInclude(html, '审核 · 订单审核')
    assert.equal(counterValue(html, '今日短信'), 1)
    assert.isNull(counterValue(html, '在用工作人员'))
  })

  test('the layout shows who is signed in, the password link and a logout form; breadcrumbs lead home to /admin', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'], { name: '值班主任' })
    const html = (await asStaff(client.get('/admin/staff'), admin)).text()
    assert.include(html, '值班主任（超级管理员）')
    assert.include(html, 'href="/admin/profile/password"')
    assert.include(html, 'action="/admin/logout"')
    assert.include(html, '<a href="/admin">首页</a>')
    assert.include(html, 'class="active"')
  })
})
