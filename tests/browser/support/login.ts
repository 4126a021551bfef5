/**
 * Signing in the way a person does: through the real login forms.
 */
import type User from '#accounts/models/user'
import type Staff from '#admin/models/staff'
import { DEFAULT_PASSWORD } from '#tests/helpers/factories'
import type { Tab } from './browser.js'

/**
 * /login → 手机号或邮箱 + 密码 → 登录. Ends on the page the login leads to.
 */
export async function signInApplicant(tab: Tab, user: User, password = DEFAULT_PASSWORD) {
  await tab.visit('/login')
  await tab.fill({ 手机号或邮箱: user.phone, 密码: password })
  await tab.click(tab.page.locator('form[action="/login"]').getByRole('button', { name: '登录' }))
  if (tab.path.startsWith('/login')) {
    throw new Error(`${user.phone} could not sign in: ${await tab.text('main')}`)
  }
  return tab
}

/**
 * /admin/login → 用户名 + 密码 → 登录. Ends on the back office's 工作台.
 */
export async function signInStaff(tab: Tab, staff: Staff, password = DEFAULT_PASSWORD) {
  await tab.visit('/admin/login')
  await tab.fill({ 用户名: staff.username, 密码: password })
  await tab.click(
    tab.page.locator('form[action="/admin/login"]').getByRole('button', { name: '登录' })
  )
  if (tab.path.startsWith('/admin/login')) {
    throw new Error(`${staff.username} could not sign in: ${await tab.text('main')}`)
  }
  return tab
}
