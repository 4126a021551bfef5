/**
 * The steps of the README's journeys as a person takes them in the
 * browser: what they click and type, in Chinese, through the real forms.
 * Each step leaves the tab on the page it leads to; the checker has
 * looked at every page on the way.
 */
import { readFileSync } from 'node:fs'
import { expect } from './expect.js'
import type { Tab } from './browser.js'
import { smsCode } from './fixtures.js'

/**
 * 获取验证码: with JavaScript the code is sent in the background and the
 * button counts down; without it the whole form goes to the server and
 * comes back with what was typed (the passwords aside, see defects).
 * Returns the code the phone received.
 */
export async function requestCode(tab: Tab, phone: string, purpose: string) {
  const button = tab.page.getByRole('button', { name: '获取验证码' })
  if (tab.js) {
    await button.click()
    await tab.page
      .locator('[data-sms-status]')
      .filter({ hasText: /已发送|验证码已/ })
      .waitFor()
    await tab.check()
  } else {
    await tab.click(button)
    await expect(tab, /验证码已发送|已发送/)
  }
  return smsCode(phone, purpose)
}

/**
 * /register (自然人): every field, the SMS code, the agreement. Ends on /account.
 */
export async function register(
  tab: Tab,
  person: { name: string; phone: string; idNumber: string; password: string }
) {
  await tab.visit('/')
  await tab.click(tab.page.locator('header').getByRole('link', { name: '注册' }))
  await tab.fill({
    姓名: person.name,
    联系电话: person.phone,
  })
  const code = await requestCode(tab, person.phone, 'register')
  await tab.fill({
    短信验证码: code,
    有效证件类型: 'resident_id',
    证件号码: person.idNumber,
    所在行政区: '110105',
    密码: person.password,
    确认密码: person.password,
  })
  await tab.page.getByRole('checkbox', { name: /用户服务协议/ }).check()
  await tab.click('立即注册')
  await expect(tab, '注册成功', { path: '/account' })
}

/**
 * 实名认证 online: the form is prefilled from the registration.
 */
export async function verifyRealName(tab: Tab) {
  await tab.click(tab.page.locator('.account-nav').getByRole('link', { name: '实名认证' }))
  await tab.click('立即核验')
  await expect(tab, '已实名')
}

export interface Delivery {
  method: '自助（在线安装）' | '自助制证' | '邮寄-收方付' | '自取'
  fields?: Record<string, string>
}

/**
 * 自助服务 → 证书新办 → platform → product, years → agreement → 经办人
 * with an SMS code → materials → delivery → confirm → 提交申请. Ends on
 * the payment page; returns the order number.
 */
export async function apply(
  tab: Tab,
  order: {
    platform: string
    product: string
    handler: { name: string; phone: string; idNumber: string }
    material: string
    delivery: Delivery
  }
) {
  await tab.click(await tab.menu('自助服务'))
  await tab.click(tab.page.getByRole('link', { name: /证书新办/ }))
  await tab.click(tab.page.getByRole('link', { name: new RegExp(order.platform) }))
  await tab.page.getByRole('radio', { name: new RegExp(order.product) }).check()
  await tab.page.getByRole('radio', { name: '1年', exact: true }).check()
  await tab.click('下一步')

  await expect(tab, '我已阅读并同意')
  await tab.page.getByRole('checkbox', { name: /我已阅读并同意/ }).check()
  await tab.click('同意并继续')
  return completeApplication(tab, order)
}

/**
 * The wizard from 经办人 (with an SMS code) on: materials → delivery →
 * confirm → 提交申请; a service order (更新, 变更, 补办) starts here. Ends
 * on the payment page (a free order: on the order); returns the order number.
 */
export async function completeApplication(
  tab: Tab,
  order: {
    handler: { name: string; phone: string; idNumber: string }
    material: string
    delivery: Delivery
    /** what the confirm page must show before 提交申请 */
    confirmShows?: string
    /** nothing to pay: 提交申请 lands on the order, 待审核 */
    free?: boolean
  }
) {
  await expect(tab, '经办人信息')
  await tab.fill({ 经办人姓名: order.handler.name, 经办人电话: order.handler.phone })
  const code = await requestCode(tab, order.handler.phone, 'order')
  await tab.fill({
    短信验证码: code,
    经办人证件类型: 'resident_id',
    经办人证件号码: order.handler.idNumber,
  })
  await tab.click('下一步')

  await uploadMaterial(tab, order.material, '下一步')

  await expect(tab, '取证方式')
  await tab.page.getByRole('radio', { name: new RegExp(`^${order.delivery.method}`) }).check()
  if (order.delivery.fields) await tab.fill(order.delivery.fields)
  await tab.click('下一步')

  await expect(tab, '确认申请信息')
  if (order.confirmShows) await expect(tab, order.confirmShows)
  await tab.click('提交申请')
  if (order.free) {
    await expect(tab, '待审核')
    const submitted = /\/orders\/(\d{19})/.exec(tab.path)?.[1]
    if (!submitted) throw new Error(`not on the order after 提交申请: ${tab.path}`)
    return submitted
  }
  await expect(tab, '在线支付')
  const orderNo = /\/orders\/(\d{19})\/pay/.exec(tab.path)?.[1]
  if (!orderNo) throw new Error(`not on the payment page after 提交申请: ${tab.path}`)
  return orderNo
}

/**
 * 上传资料: choose the file for the material and press the button.
 */
export async function uploadMaterial(tab: Tab, file: string, button: '下一步' | '保存') {
  await expect(tab, '上传资料')
  await tab.page.locator('input[type="file"]').first().setInputFiles(file)
  await tab.click(tab.page.getByRole('button', { name: button, exact: true }))
}

/**
 * On 在线支付 (/orders/:orderNo/pay): 沙箱支付 → 确认支付 → 打开沙箱收银台 →
 * 模拟支付成功. Ends on the sandbox's 已模拟支付成功; returns the order number.
 */
export async function paySandboxHere(tab: Tab) {
  await expect(tab, '在线支付')
  const orderNo = /\/orders\/(\d{19})\/pay/.exec(tab.path)?.[1]
  if (!orderNo) throw new Error(`not on the payment page: ${tab.path}`)
  await tab.page.getByRole('radio', { name: /沙箱支付/ }).check()
  await tab.click('确认支付')
  await tab.click('打开沙箱收银台')
  await tab.click('模拟支付成功')
  await expect(tab, '已模拟支付成功')
  return orderNo
}

/**
 * 沙箱支付 → 确认支付 → 打开沙箱收银台 → 模拟支付成功. Ends on the order.
 */
export async function payInSandbox(tab: Tab, orderNo: string) {
  await tab.page.getByRole('radio', { name: /沙箱支付/ }).check()
  await tab.click('确认支付')
  await expect(tab, '订单支付')
  await tab.click('打开沙箱收银台')
  await expect(tab, '沙箱收银台')
  await tab.click('模拟支付成功')
  await expect(tab, '已模拟支付成功')
  await tab.visit(`/orders/${orderNo}`)
  await expect(tab, '待审核')
}

/**
 * A staff member opens an order from a back-office queue (menu item → the
 * order's row).
 */
export async function openFromQueue(tab: Tab, menuItem: string, orderNo: string) {
  await tab.click(await tab.menu(new RegExp(`^${menuItem}`)))
  await tab.click(tab.page.locator('tr', { hasText: orderNo }).getByRole('link').first())
  await expect(tab, orderNo, { path: `/admin/orders/${orderNo}` })
}

/**
 * The README's journey description, for checking that it names what the
 * pages show.
 */
export function readmeStep(number: number) {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
  const start = readme.indexOf(`\n${number}. `)
  const end = readme.indexOf(`\n${number + 1}. `, start)
  return readme.slice(start, end === -1 ? undefined : end)
}
