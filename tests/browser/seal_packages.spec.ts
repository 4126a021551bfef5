/**
 * 印章套餐 on a 375 px phone without JavaScript: acting for the org, 印章管理
 * shows no seal left and the quota refusal at the form (what was typed
 * kept, a link to buy); 购买印章套餐 → 地域和交易平台 → the package →
 * 提交订单并支付 → the sandbox cashier; once granted, 余量 on 印章管理 and
 * 我的交易平台, a seal made takes one, and the 延期 page.
 */
import { test } from '@japa/runner'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { paySandboxHere } from './support/steps.js'
import { runQueuedJobs } from '#core/queue/jobs'
import { createPackageProduct } from '#catalog/actions/products'
import { ensureCa } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { makePlatform, makeRegion } from '#tests/functional/catalog/catalog_helpers'
import { certificateFor } from '#tests/functional/seals/helpers'

test.group('Browser · 印章套餐 (375 px)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('no seal left → refused at the form → 购买印章套餐 → 沙箱支付 → 余量 shown, a seal made takes one, 延期 page (phone 375 px, JavaScript off)', async ({
    assert,
  }) => {
    const region = await makeRegion({ name: '示例市（印章）' })
    const platform = await makePlatform({ regionId: region.id, name: '示例市印章交易平台' })
    await createPackageProduct({
      platformId: platform.id,
      type: 'seal_package',
      code: 'browser-seals-5',
      name: '电子印章套餐 5 枚',
      price: '200',
      seals: 5,
      days: 365,
      review: '0',
      status: 'on_sale',
    })
    const admin = await verifiedUser('冯印章')
    const { org } = await claimedOrg(admin)
    await certificateFor(admin, {
      name: org.name,
      idNumber: org.uscc,
      org: { name: org.name, uscc: org.uscc },
    })
    await withTabs([{ viewport: 'phone', js: false }], async (me) => {
      await signInApplicant(me, admin)
      await me.visit('/orgs/identity')
      await me.page.getByRole('radio', { name: new RegExp(org.name) }).check()
      await me.click('切换')
      await me.visit('/seals')
      await expect(me, '印章套餐')
      await expect(me, '本机构还没有印章套餐')
      await me.visit('/seals/new')
      await expect(me, '本机构没有可用的印章套餐')
      await me.page.getByLabel('印章类型').selectOption({ label: '合同专用章' })
      await me.fill({ '印章名称（可不填）': '合同章（浏览器）' })
      await me.click('提交审核')
      await expect(me, '请先购买印章套餐后再制作机构印章')
      assert.equal(await me.field('印章名称（可不填）').inputValue(), '合同章（浏览器）')

      await me.click(me.page.getByRole('link', { name: '购买印章套餐' }).first())
      await expect(me, '购买印章套餐')
      await me.page.getByLabel('地域和交易平台').selectOption({ label: '示例市印章交易平台' })
      await me.click('下一步：选择套餐')
      await expect(me, '电子印章套餐 5 枚')
      await expect(me, '¥200.00')
      await me.click('提交订单并支付')
      const orderNo = await paySandboxHere(me)
      await runQueuedJobs()
      await me.visit(`/orders/${orderNo}`)
      await expect(me, '套餐已开通')

      await me.visit('/seals/new')
      await expect(me, '印章套餐余量：5 枚')
      await me.page.getByLabel('印章类型').selectOption({ label: '合同专用章' })
      await me.click('提交审核')
      await expect(me, '请等待 CA 工作人员审核')
      await me.visit('/seals')
      await expect(me, '余量 4 / 5 枚')
      await me.visit('/my-platforms')
      await expect(me, '印章机构套餐')
      await me.click(me.page.getByRole('link', { name: '延期' }).first())
      await expect(me, '印章套餐延期')
      await expect(me, '余量 4 / 5 枚')
    })
  })
})
