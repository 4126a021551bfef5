/**
 * The platforms pages on a 375 px phone, with JavaScript on and off: the
 * scan page (a login asked by a platform through the signed API, the
 * certificate, the PIN, 确认授权登录), the result, 我的交易平台, 扫码报告
 * and 待办 (a task pushed by the platform, signed); 签章 with a seal
 * picked by its image; the back office's 平台集成 pages (启用适配器, the
 * secret shown once, 测试连接, 修改配置, 接口调用, 回调记录).
 */
import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { withTabs } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant } from './support/login.js'
import { createStaff, ensureCa } from './support/fixtures.js'
import { signInStaff } from './support/login.js'
import { makeSealFromTemplate } from '#seals/actions/seals'
import {
  PIN,
  call,
  holder,
  platform,
  receiver,
  tradingPlatform,
} from '#tests/functional/platforms/support'
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

  for (const js of [true, false]) {
    test(`签章: the seal picked by its image, the PIN, 签章成功 (phone 375 px, JavaScript ${js ? 'on' : 'off'})`, async () => {
      const p = await platform()
      const { user, certificate } = await holder()
      await makeSealFromTemplate(
        { type: 'person', userId: user.id, name: '赵六', idNumber: certificate.subjectIdNumber },
        { kind: 'personal', text: '赵六' }
      )
      const hash = createHash('sha256').update('投标文件').digest('hex')
      const created = await call(p, 'POST', '/api/platform/sessions', {
        type: 'seal_sign',
        hash,
        title: '投标文件.pdf',
      })
      await withTabs([{ viewport: 'phone', js }], async (me) => {
        await signInApplicant(me, user)
        await me.visit(`/platform-scan/${created.body.tid}`)
        await expect(me, '选择印章')
        await expect(me, '个人名章')
        await me.fill({ '证书 PIN 码': PIN })
        await me.click(me.page.getByRole('button', { name: '签章', exact: true }))
        await expect(me, '签章成功，验签成功')
        await expect(me, '印章编码')
      })
    })

    test(`平台集成: 启用适配器, the secret once, 测试连接, 修改配置, 接口调用, 回调记录 (phone 375 px, JavaScript ${js ? 'on' : 'off'})`, async () => {
      const staff = await createStaff(['integrator'])
      const tp = await tradingPlatform('浏览器测试交易平台')
      const hook = await receiver()
      try {
        await withTabs([{ viewport: 'phone', js }], async (me) => {
          await signInStaff(me, staff)
          await me.visit('/admin/platforms')
          await expect(me, '平台集成')
          await me.click(me.page.getByRole('link', { name: '启用适配器' }).first())
          await me.fill({ 适配器: 'mutual_recognition' })
          await me.click(me.page.getByRole('button', { name: '切换适配器' }))
          await expect(me, '回调令牌')
          await me.fill({
            交易平台: tp.id,
            系统标识码: `B${js ? 'J' : 'N'}${Date.now().toString(36).toUpperCase()}`
              .padEnd(11, '0')
              .slice(0, 11),
            回调地址: hook.url,
          })
          await me.click(me.page.getByRole('button', { name: '保存' }))
          await expect(me, '接口密钥（只显示这一次）')
          await me.click(me.page.getByRole('button', { name: '测试连接' }))
          await expect(me, '测试连接成功')
          await me.click(me.page.getByRole('link', { name: '修改配置' }))
          await me.fill({ 平台运营单位: '示例运营单位' })
          await me.click(me.page.getByRole('button', { name: '保存' }))
          await expect(me, '配置已保存')
          await me.click(me.page.getByRole('link', { name: '接口调用' }).first())
          await expect(me, '接口调用')
          await me.visit('/admin/platforms')
          await me.click(me.page.getByRole('link', { name: '回调记录' }).first())
          await expect(me, '回调记录')
        })
      } finally {
        await hook.close()
      }
    })
  }
})
