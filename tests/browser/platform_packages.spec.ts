/**
 * 我的交易平台 → 新办套餐 on a 375 px phone without JavaScript: pick the
 * package, 提交订单并支付, the sandbox payment, the order page, and —
 * once the payment's job ran — the package's 余量 and its 延期 page.
 */
import { test } from '@japa/runner'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { paySandboxHere } from './support/steps.js'
import { runQueuedJobs } from '#core/queue/jobs'
import { createPackageProduct } from '#catalog/actions/products'
import Integration from '#platforms/models/integration'
import { openPlatform } from '#platforms/actions/accounts'
import { verifiedUser } from '#tests/functional/orgs/helpers'
import { platform } from '#tests/functional/platforms/support'

test.group('Browser · 套餐 (新办, 375 px)', () => {
  test('新办套餐 → 沙箱支付 → 余量 shown, 延期 page (phone 375 px, JavaScript off)', async () => {
    const p = await platform()
    const integration = await Integration.findOrFail(p.integrationId)
    await createPackageProduct({
      platformId: integration.platformId,
      type: 'platform_package',
      code: 'browser-scan-30',
      name: '扫码套餐 30 次',
      price: '60',
      uses: 30,
      days: 90,
      status: 'on_sale',
    })
    const user = await verifiedUser('吴投标')
    await openPlatform(user.id, integration.id)
    await withTabs([{ viewport: 'phone', js: false }], async (me) => {
      await signInApplicant(me, user)
      await me.visit('/my-platforms')
      await me.click(me.page.getByRole('link', { name: '新办套餐' }).first())
      await expect(me, '扫码套餐 30 次')
      await expect(me, '¥60.00')
      await me.click('提交订单并支付')
      const orderNo = await paySandboxHere(me)
      await runQueuedJobs()
      await me.visit(`/orders/${orderNo}`)
      await expect(me, '套餐已开通')
      await me.visit('/my-platforms')
      await expect(me, '扫码套餐 30 次 · 余量 30 / 30 次')
      await me.click(me.page.getByRole('link', { name: '延期' }).first())
      await expect(me, '套餐延期')
    })
  })
})
