/**
 * 开通 during a scan on a 375 px phone without JavaScript (issue 15): the
 * scan page of a platform that charges per use offers its package,
 * 开通并支付 → the sandbox cashier → the payment result page's 返回扫码继续
 * → the scan page (办理进度) → the order page's 返回扫码继续 → the same scan
 * page, the PIN, 确认授权登录 → the result. An expired QR says
 * so and tells how to rescan.
 */
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { paySandboxHere } from './support/steps.js'
import { ensureCa } from './support/fixtures.js'
import { runQueuedJobs } from '#core/queue/jobs'
import { createPackageProduct } from '#catalog/actions/products'
import Integration from '#platforms/models/integration'
import PlatformSession from '#platforms/models/session'
import { PIN, call, platform, verifiedHolder } from '#tests/functional/platforms/support'
import { verifiedUser } from '#tests/functional/orgs/helpers'
import { makeProduct, prices } from '#tests/functional/catalog/catalog_helpers'

test.group('Browser · 开通 during a scan (375 px)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  for (const js of [false, true]) {
    test(`scan → 开通并支付 → 沙箱支付 → 支付完成 · 返回扫码继续 → 订单 · 返回扫码继续 → 确认授权登录; an expired QR (phone 375 px, JavaScript ${js ? 'on' : 'off'})`, async () => {
      const p = await platform()
      const integration = await Integration.findOrFail(p.integrationId)
      integration.chargePerUse = true
      await integration.save()
      await createPackageProduct({
        platformId: integration.platformId,
        type: 'platform_package',
        code: `browser-scan-open-10-${js ? 'js' : 'nojs'}`,
        name: '扫码套餐 10 次',
        price: '30',
        uses: 10,
        days: 365,
        status: 'on_sale',
      })
      const { user } = await verifiedHolder({ name: '秦投标' })
      const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
      const tid = created.body.tid
      await withTabs([{ viewport: 'phone', js }], async (me) => {
        await signInApplicant(me, user)
        await me.visit(`/platform-scan/${tid}`)
        await expect(me, `开通${integration.platformName}`)
        await expect(me, '扫码套餐 10 次')
        await me.click('开通并支付')
        const orderNo = await paySandboxHere(me)
        /* the payment result page leads back to the scan in one tap, beside 查看订单 */
        await me.click(me.page.getByRole('link', { name: '返回支付页面' }))
        await expect(me, '支付完成')
        await expect(me, '查看订单')
        await me.click(me.page.getByRole('link', { name: '返回扫码继续' }))
        await expect(me, '办理进度', { path: `/platform-scan/${tid}` })
        /* following the order's link from the scan page keeps the QR (JavaScript aborts on leaving otherwise) */
        await me.click(me.page.getByRole('link', { name: /套餐新办/ }).first())
        await expect(me, '订单详情')
        await runQueuedJobs()
        await me.visit(`/orders/${orderNo}`)
        await expect(me, '套餐已开通')
        await me.click('返回扫码继续')
        await expect(me, '确认授权登录', { path: `/platform-scan/${tid}` })
        await me.fill({ '证书 PIN 码': PIN })
        await me.click('确认授权登录')
        await expect(me, '成功')
        const state = await PlatformSession.findByOrFail('tid', tid)
        if (state.state !== 'done') throw new Error(`the QR was ${state.state}`)

        const late = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
        const session = await PlatformSession.findByOrFail('tid', late.body.tid)
        session.expiresAt = DateTime.utc().minus({ minutes: 1 })
        await session.save()
        await me.visit(`/platform-scan/${late.body.tid}`)
        await expect(me, '二维码已过期')
        await expect(me, '重新扫码')
      })
    })
  }

  test('no certificate: 开通：办理本平台证书 → the platform’s products, the return kept (phone 375 px, JavaScript off)', async () => {
    const p = await platform()
    const integration = await Integration.findOrFail(p.integrationId)
    await makeProduct({
      platformId: integration.platformId,
      name: '个人移动证书',
      medium: 'cloud',
      certKind: 'personal',
      deliveryMethods: ['online_install'],
      validityOptions: prices(24000),
    } as any)
    const user = await verifiedUser('尤新人')
    const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    await withTabs([{ viewport: 'phone', js: false }], async (me) => {
      await signInApplicant(me, user)
      await me.visit(`/platform-scan/${created.body.tid}`)
      await expect(me, '您没有可用的证书')
      await me.click('开通：办理本平台证书')
      await expect(me, '选择证书产品')
      await expect(me, '返回扫码继续')
    })
  })
})
