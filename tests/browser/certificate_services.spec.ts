/**
 * Issue 11's new pages on a phone (375 px, JavaScript on) and a laptop
 * without JavaScript: 我的证书 with its actions, 注销, 冻结, 解锁, 解绑, the
 * renewal's rules page and its confirm page, 自助服务, 订单查询. The
 * checker fails on sideways scrolling, CSP violations, raw English and
 * unmarked required fields on each. The renewal goes through the wizard
 * (经办人 with the SMS code, 上传资料, 取证方式, 确认提交 with the new
 * validity) to the payment page.
 */
import { test } from '@japa/runner'
import { withTabs, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { ensureCa } from './support/fixtures.js'
import { completeApplication } from './support/steps.js'
import { makeImage } from '#tests/helpers/files'
import { DateTime } from 'luxon'
import { holderWith } from '#tests/functional/certificates/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { catalogFixture } from '#tests/functional/orders/support'
import { holderOfProduct } from '#tests/functional/orders/service_support'

const VARIANTS: Array<{ name: string; tab: TabOptions }> = [
  { name: 'phone, JavaScript on', tab: { viewport: 'phone' } },
  { name: 'laptop, JavaScript off', tab: { viewport: 'desktop', js: false } },
]

test.group('Browser · certificate services', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  for (const variant of VARIANTS) {
    test(`我的证书 actions, 注销/冻结/解锁/解绑 pages, 续期 through the wizard to the payment page, 订单查询 (${variant.name})`, async () => {
      const fixture = await catalogFixture()
      const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, {
        days: 30,
      })
      await withTabs([variant.tab], async (me) => {
        await signInApplicant(me, user)
        await expect(me, '证书即将到期')
        await me.visit('/certificates')
        await expect(me, '续期')
        await me.visit(`/certificates/${certificate.id}`)
        await expect(me, '证书业务')
        await me.visit(`/certificates/${certificate.id}/revoke`)
        await expect(me, '所关联的印章将自动注销')
        await me.visit(`/certificates/${certificate.id}/suspend`)
        await expect(me, '确认冻结')
        await me.visit(`/certificates/${certificate.id}/unlock`)
        await expect(me, '首次解锁：身份核验')
        await me.visit(`/certificates/${certificate.id}/unbind`)
        await me.fill({ 平台账号: 'bidder-2026' })
        await me.click('登记解绑')
        await expect(me, '已登记，待平台解绑')

        await me.visit('/services')
        await expect(me, '证书更新（年检）')
        await me.visit('/services/renew')
        await expect(me, '办理更新')
        await me.visit(`/services/renew/${certificate.id}`)
        await expect(me, '新有效期')
        await me.page.getByRole('checkbox', { name: /尚未开标/ }).check()
        await me.click('开始办理')
        /* through the wizard to the payment page, the new validity confirmed on the way */
        await completeApplication(me, {
          handler: { name: user.realName!, phone: user.phone, idNumber: user.realIdNumber! },
          material: await makeImage('jpg', 40 * 1024),
          delivery: { method: '自助（在线安装）' },
          confirmShows: '新有效期',
        })
        await expect(me, '本订单无需审核，支付完成即办结。')
        await me.page.getByRole('radio', { name: /沙箱支付/ }).waitFor()

        await me.visit('/order-query')
        await expect(me, '订单查询')
      })
    })
  }

  for (const variant of VARIANTS) {
    test(`证书授权: the org admin, acting for the org, authorises a member and withdraws it (${variant.name})`, async () => {
      const admin = await verifiedUser('苏管理')
      const member = await verifiedUser('王成员')
      const { org } = await claimedOrg(admin, { members: [member], name: '浏览器授权测试有限公司' })
      const { certificate } = await holderWith({
        user: admin,
        org: { id: org.id, name: org.name, uscc: org.uscc },
      })
      const today = DateTime.now().setZone('Asia/Shanghai')
      await withTabs([variant.tab], async (me) => {
        await signInApplicant(me, admin)
        await me.visit('/orgs/identity')
        await me.page.getByRole('radio', { name: /浏览器授权测试有限公司/ }).check()
        await me.click('切换')
        await expect(me, '当前身份：浏览器授权测试有限公司 · 管理员')
        await me.visit(`/certificates/${certificate.id}`)
        await me.click(me.page.getByRole('link', { name: '授权', exact: true }))
        await expect(me, '被授权成员')
        await me.page.getByRole('radio', { name: /王成员/ }).check()
        await me.fill({
          授权开始日期: today.toISODate()!,
          授权结束日期: today.plus({ days: 30 }).toISODate()!,
        })
        await me.click(me.page.getByRole('button', { name: '授权', exact: true }))
        await expect(me, '生效中')
        await me.click('撤回')
        await expect(me, '授权已撤回')
      })
    })
  }
})
