/**
 * Error pages as a person meets them: a mistyped address, a page that
 * needs signing in, a back-office page outside one's role. The checker
 * requires them styled, with a Chinese heading, and (in the back office)
 * inside the back-office layout.
 */
import { test } from '@japa/runner'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant, signInStaff } from './support/login.js'
import { applicant, createStaff } from './support/fixtures.js'

test.group('Browser · error pages', () => {
  test('a mistyped address shows the styled Chinese 404 with a way home', async () => {
    await withTabs([{ viewport: 'phone' }, { viewport: 'desktop', js: false }], async (...tabs) => {
      for (const tab of tabs) {
        await tab.visit('/no-such-page', { status: 404 })
        await expect(tab, '页面不存在')
        await tab.click('返回首页')
        await expect(tab, '数字证书在线自助办理系统', { path: '/' })
      }
    })
  })

  test('a signed-in applicant mistyping an address gets the same 404', async () => {
    await withTabs([{ viewport: 'desktop' }], async (me) => {
      await signInApplicant(me, await applicant())
      await me.visit('/orders/not-an-order-number/whatever', { status: 404 })
      await expect(me, '页面不存在')
    })
  })

  test('pages that need signing in lead a guest to the login form, and back after it', async () => {
    const user = await applicant()
    await withTabs([{ viewport: 'phone', js: false }], async (guest) => {
      await guest.visit('/orders')
      await expect(guest, '用户登录', { path: '/login' })
      await guest.fill({ 手机号或邮箱: user.phone, 密码: 'Passw0rd123' })
      await guest.click(
        guest.page.locator('form[action="/login"]').getByRole('button', { name: '登录' })
      )
      await expect(guest, '我的订单', { path: '/orders' })
    })
  })

  test('the back office sends a guest to the staff login', async () => {
    await withTabs([{ viewport: 'desktop', js: false }], async (guest) => {
      await guest.visit('/admin/orders')
      await expect(guest, '工作人员登录', { path: '/admin/login' })
    })
  })

  for (const [role, page] of [
    ['finance', '/admin/staff'],
    ['operator', '/admin/reviews/orders'],
    ['reviewer', '/admin/payments'],
  ] as const) {
    test(`a ${role} opening ${page} gets a styled Chinese 403`, async () => {
      await withTabs([{ viewport: 'phone' }], async (tab) => {
        await signInStaff(tab, await createStaff([role]))
        await tab.visit(page, { status: 403 })
        await expect(tab, '无权访问')
      })
    })
  }
})
