/**
 * 实名认证 by the automatic methods, as a person does it: 人脸识别 (the
 * waiting page with its QR code and link, the sandbox's page on the phone,
 * the waiting page updating itself — by quiet polling with JavaScript, by
 * <meta http-equiv="refresh"> without) and 银行卡四要素 (获取验证码, the code
 * from the phone). Once on a phone with JavaScript, once on a laptop
 * without it; the checker looks at every page (375 px, CSP, Chinese).
 */
import { test } from '@japa/runner'
import { withTabs, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { createUser, freshResidentId, uniquePhone } from './support/fixtures.js'
import { requestCode } from './support/steps.js'

const VARIANTS: Array<{ name: string; me: TabOptions; phone: TabOptions }> = [
  { name: 'phone, JavaScript on', me: { viewport: 'phone' }, phone: { viewport: 'phone' } },
  {
    name: 'laptop, JavaScript off',
    me: { viewport: 'desktop', js: false },
    phone: { viewport: 'phone', js: false },
  },
]

test.group('Browser · 实名认证 methods', () => {
  for (const variant of VARIANTS) {
    test(`人脸识别: QR code or link, the sandbox's page on the phone, the waiting page updates itself (${variant.name})`, async () => {
      const user = await createUser({ name: '王芳', idNumber: freshResidentId() } as any)
      await withTabs([variant.me, variant.phone], async (me, phone) => {
        await signInApplicant(me, user)
        await me.visit('/account/real-name')
        await me.click(me.page.getByRole('link', { name: '人脸识别', exact: true }))
        await expect(me, '身份认证')
        await me.click('开始认证')
        await expect(me, '请用手机扫码完成人脸识别')
        await expect(me, '王*')
        const qr = me.page.locator('svg.qr')
        if (!(await qr.isVisible())) throw new Error('the QR code is not shown')
        const link = await me.page.locator('a.face-link').getAttribute('href')

        /* the phone opens the link (what the QR code holds), without a login */
        await phone.visit(link!)
        await expect(phone, '模拟识别成功')
        await expect(phone, '沙箱')
        await phone.click('模拟识别成功')
        await expect(phone, '已模拟识别成功')

        /* the waiting page reloads by itself (poll.js, or the meta refresh without JavaScript) */
        await me.page.getByText('实名认证成功！').waitFor({ timeout: 20_000 })
        await me.check()
        await me.visit('/account/real-name')
        await expect(me, '已实名')
        await expect(me, '人脸识别')
      })
    }).timeout(90_000)

    test(`银行卡四要素: card, reserved phone and its SMS code (${variant.name})`, async () => {
      const user = await createUser({ name: '李雷', idNumber: freshResidentId() } as any)
      const reserved = uniquePhone()
      await withTabs([variant.me], async (me) => {
        await signInApplicant(me, user)
        await me.visit('/account/real-name')
        await me.click(me.page.getByRole('link', { name: '银行卡四要素' }))
        await expect(me, '沙箱规则')
        await me.fill({ 银行卡号: '6222 0212 3456 7890 128', 银行预留手机号码: reserved })
        const code = await requestCode(me, reserved, 'real_name')
        await me.fill({ 短信验证码: code })
        await me.click('开始认证')
        await expect(me, '实名认证成功')
        await expect(me, '已实名')
        await expect(me, '李*')
      })
    }).timeout(90_000)
  }
})
