/**
 * The applicant's own forms besides the application: 免密码登录 with an
 * SMS code, 实名认证 by a person (passport photos, decided by a
 * reviewer), a saved address, a new password, a new PIN for a cloud
 * certificate, 退出. Once on a phone with JavaScript, once on a laptop
 * without it.
 */
import { test } from '@japa/runner'
import { withTabs, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInStaff } from './support/login.js'
import { applicantWithHistory, createStaff, createUser, ensureCa } from './support/fixtures.js'
import { requestCode } from './support/steps.js'
import { makeImage } from '#tests/helpers/files'

const VARIANTS: Array<{ name: string; me: TabOptions; staff: TabOptions }> = [
  { name: 'phone, JavaScript on', me: { viewport: 'phone' }, staff: { viewport: 'desktop' } },
  {
    name: 'laptop, JavaScript off',
    me: { viewport: 'desktop', js: false },
    staff: { viewport: 'phone', js: false },
  },
]

test.group('Browser · account forms', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  for (const variant of VARIANTS) {
    test(`免密码登录, 收件地址, 修改密码, 修改 PIN 码, 退出 (${variant.name})`, async ({
      client,
    }) => {
      const { user } = await applicantWithHistory(client, { pickup: false, mailed: false })
      await withTabs([variant.me], async (me) => {
        await me.visit('/login')
        await me.click(me.page.getByRole('link', { name: '免密码登录' }))
        await me.fill({ 手机号: user.phone })
        const code = await requestCode(me, user.phone, 'login')
        await me.fill({ 短信验证码: code })
        await me.page.getByRole('checkbox', { name: /用户服务协议/ }).check()
        await me.click('注册/登录')
        await expect(me, '最新申请进度', { path: '/' })

        await me.visit('/account/addresses/create')
        await me.fill({
          '收件人': '陈一',
          '手机号': user.phone,
          '所在地区': '110105',
          '详细地址': '示例路 9 号',
          '标签（如 家、公司）': '公司',
        })
        await me.click('保存')
        await expect(me, '收件地址已保存')

        await me.visit('/account/password')
        await me.fill({
          当前密码: 'Passw0rd123',
          新密码: 'Newpassw0rd9',
          确认新密码: 'Newpassw0rd9',
        })
        await me.click('确认修改')
        await expect(me, '密码修改成功')

        await me.click(await me.menu('我的证书'))
        await me.click(me.page.getByRole('link', { name: '个人移动证书' }).first())
        await me.click(me.page.getByRole('link', { name: '修改 PIN 码' }).first())
        await me.fill({
          '原 PIN 码': user.phone.slice(-6),
          '新 PIN 码': '802413',
          '确认新 PIN 码': '802413',
        })
        await me.click('确认修改')
        await expect(me, 'PIN 码已修改')

        await me.click(await me.menu('退出'))
        await expect(me, '用户登录', { path: '/login' })
      })
    })

    test(`实名认证 by a person: passport photos, a reviewer approves (${variant.name})`, async () => {
      const user = await createUser({ name: '王芳' } as any)
      const reviewer = await createStaff(['reviewer'])
      await withTabs([variant.me, variant.staff], async (me, staff) => {
        await me.visit('/login')
        await me.fill({ 手机号或邮箱: user.phone, 密码: 'Passw0rd123' })
        await me.click(
          me.page.locator('form[action="/login"]').getByRole('button', { name: '登录' })
        )
        await me.visit('/account/real-name')
        await me.click(me.page.getByRole('link', { name: /人工审核/ }))
        await me.fill({ 证件类型: 'passport', 证件上的姓名: '王芳', 证件号码: 'E87654321' })
        await me.field('证件正面照片').setInputFiles(await makeImage('jpg', 30 * 1024))
        await me.field('证件反面照片').setInputFiles(await makeImage('png', 30 * 1024))
        await me.click('提交审核')
        await expect(me, '已提交人工审核')
        await expect(me, '人工审核中')

        await signInStaff(staff, reviewer)
        await staff.click(await staff.menu(/^实名认证审核/))
        await staff.click(staff.page.locator('tr', { hasText: '王芳' }).getByRole('link').first())
        await expect(staff, 'E87654321')
        await staff.click('审核通过')

        await me.visit('/account/real-name')
        await expect(me, '已实名')
      })
    })
  }
})
