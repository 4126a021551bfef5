/**
 * The README's first journey in Chromium, as a new applicant takes it:
 * register → 实名认证 → a personal cloud certificate through the wizard →
 * sandbox payment → the reviewer rejects → 完善资料 → 重新提交 (no second
 * payment) → approved → 我的证书 → PKCS#12 that OpenSSL opens with the PIN.
 * Once on a phone with JavaScript, once on a laptop without it.
 */
import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { withTabs, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInStaff } from './support/login.js'
import {
  catalogFixture,
  createStaff,
  ensureCa,
  freshResidentId,
  uniquePhone,
} from './support/fixtures.js'
import {
  apply,
  openFromQueue,
  payInSandbox,
  register,
  uploadMaterial,
  verifyRealName,
} from './support/steps.js'
import { makeImage } from '#tests/helpers/files'
import { openssl, tempFile } from '#tests/unit/issuance/support'

const VARIANTS: Array<{ name: string; applicant: TabOptions; staff: TabOptions }> = [
  {
    name: 'phone, JavaScript on',
    applicant: { viewport: 'phone' },
    staff: { viewport: 'desktop' },
  },
  {
    name: 'laptop, JavaScript off',
    applicant: { viewport: 'desktop', js: false },
    staff: { viewport: 'phone', js: false },
  },
]

test.group('Browser · cloud certificate journey', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  for (const variant of VARIANTS) {
    test(`register, verify, apply, pay, rejected, fix, resubmit, approved, download PKCS#12 (${variant.name})`, async ({
      assert,
    }) => {
      const { platform } = await catalogFixture()
      const reviewer = await createStaff(['reviewer'])
      const person = {
        name: '陈一',
        phone: uniquePhone(),
        idNumber: freshResidentId(),
        password: 'Passw0rd123',
      }

      await withTabs([variant.applicant, variant.staff], async (me, staff) => {
        await register(me, person)
        await verifyRealName(me)

        const orderNo = await apply(me, {
          platform: platform.name,
          product: '个人移动证书',
          handler: person,
          material: await makeImage('jpg', 40 * 1024),
          delivery: { method: '自助（在线安装）' },
        })
        await payInSandbox(me, orderNo)

        await signInStaff(staff, reviewer)
        await openFromQueue(staff, '订单审核', orderNo)
        await expect(staff, '资料预览')
        await staff.fill({
          '驳回类型': 'unclear',
          '驳回原因（将告知申请人）': '身份证复印件模糊，请重新扫描上传',
        })
        await staff.click('驳回')
        await expect(staff, '已驳回，申请人已收到短信和站内消息')

        await me.visit(`/orders/${orderNo}`)
        await expect(me, '资料不清晰：身份证复印件模糊，请重新扫描上传')
        await me.click('完善资料')
        await me.click(me.page.getByRole('link', { name: /重新上传资料/ }))
        await uploadMaterial(me, await makeImage('png', 60 * 1024), '保存')
        await expect(me, '完善资料', { path: `/orders/${orderNo}/fix` })
        await me.click('重新提交')
        await expect(me, '已重新提交审核，无需再次支付')
        await me.visit(`/orders/${orderNo}`)
        await expect(me, '待审核')
        assert.equal(
          await me.page.locator('table tbody tr').count(),
          1,
          'one payment, not a second one'
        )

        await openFromQueue(staff, '订单审核', orderNo)
        await staff.click('审核通过')
        await expect(staff, '审核通过，证书已签发')

        await me.click(await me.menu('我的证书'))
        await expect(me, '正常')
        await me.click(me.page.getByRole('link', { name: '个人移动证书' }).first())
        await expect(me, '导出密钥（PKCS#12）')
        const pin = person.phone.slice(-6)
        const exportPassword = 'Export-2026'
        await me.fill({ 'PIN 码': pin, '导出密码': exportPassword, '确认导出密码': exportPassword })
        const download = me.page.waitForEvent('download')
        await me.page.getByRole('button', { name: '下载 .p12' }).click()
        const p12 = readFileSync((await (await download).path())!)
        const info = await openssl([
          'pkcs12',
          '-info',
          '-nokeys',
          '-passin',
          `pass:${exportPassword}`,
          '-in',
          tempFile('browser.p12', p12),
        ])
        assert.equal(info.code, 0, info.stderr)
        assert.include(info.stdout, 'BEGIN CERTIFICATE')
      })
    })
  }
})
