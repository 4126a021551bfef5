/**
 * The platforms pages on a 375 px phone, with JavaScript on and off: the
 * scan page (a login asked by a platform through the signed API, the
 * certificate, the PIN, 确认授权登录), the result, 我的交易平台, 扫码报告
 * and 待办 (a task pushed by the platform, signed).
 */
import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { ensureCa } from './support/fixtures.js'
import { PIN, call, holder, platform } from '#tests/functional/platforms/support'
import { eventually } from '#tests/helpers/eventually'

test.group('Browser · platforms (scan page, 我的交易平台)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  for (const js of [true, false]) {
    test(`scan to log in, 我的交易平台, 扫码报告, 待办 (phone 375 px, JavaScript ${js ? 'on' : 'off'})`, async () => {
      const p = await platform({ adapter: 'procurement' })
      const { user } = await holder()
      const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
      await withTabs([{ viewport: 'phone', js }], async (me) => {
        await signInApplicant(me, user)
        await me.visit(`/platform-scan/${created.body.tid}`)
        await expect(me, '系统标识码')
        await expect(me, '交易系统名称')
        await me.fill({ '证书 PIN 码': PIN })
        await me.click('确认授权登录')
        await expect(me, '主体注册')
        await me.fill({ 平台账号名称: 'bidder-375' })
        await me.click('注册并绑定')
        await expect(me, '主体注册完成，证书已绑定', { path: '/my-platforms' })
        await expect(me, '证书解绑')
        await me.click('证书解绑')
        await expect(me, '证书已解绑')
        await me.click(me.page.getByRole('link', { name: '扫码报告' }).first())
        await expect(me, '扫码登录')

        const result = await call(
          p,
          'GET',
          `/api/platform/sessions/${created.body.sessionId}/result`
        )
        const hash = createHash('sha256').update('合同').digest('hex')
        await call(p, 'POST', '/api/platform/tasks', {
          openId: result.body.result.openId,
          title: '采购合同签署',
          hash,
        })
        await me.click(me.page.getByRole('link', { name: '待办' }).first())
        await me.page.getByRole('checkbox', { name: /采购合同签署/ }).check()
        await me.fill({ '证书 PIN 码': PIN })
        await me.click('签名')
        await expect(me, '已签署 1 项待办')

        const abort = await call(p, 'POST', '/api/platform/sessions', { type: 'encrypt' })
        await me.visit(`/platform-scan/${abort.body.tid}`)
        await me.click('取消')
        await expect(me, '已取消')

        if (js) {
          /* leaving the page without an answer aborts the session too */
          const left = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
          await me.visit(`/platform-scan/${left.body.tid}`)
          await me.visit('/my-platforms')
          await eventually(async () => {
            const state = await call(p, 'GET', `/api/platform/sessions/${left.body.sessionId}`)
            if (state.body.state !== 'aborted') throw new Error(`still ${state.body.state}`)
          })
        }
      })
    })
  }
})
