/**
 * The README's uKey journeys in Chromium: 自助制证 with a CSR made by
 * openssl req (the certificate's subject is the order's, not the CSR's);
 * 邮寄-收方付, where the operator makes the key, ships it with a tracking
 * number and the applicant signs for it (签收); 自取, where the operator
 * hands it over after checking the pickup person's ID. Each once on a
 * phone with JavaScript and once on a laptop without it.
 */
import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { withTabs, type Tab, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant, signInStaff } from './support/login.js'
import { applicant, catalogFixture, createStaff, ensureCa, ukeyCsr } from './support/fixtures.js'
import { apply, openFromQueue, payInSandbox, type Delivery } from './support/steps.js'
import { makeImage } from '#tests/helpers/files'
import { chainFiles, openssl, tempFile } from '#tests/unit/issuance/support'
import type User from '#accounts/models/user'

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

/**
 * A verified applicant signs in, orders the uKey product with the given
 * delivery and pays; a reviewer approves. Returns the order number.
 */
async function approvedUkeyOrder(me: Tab, reviewerTab: Tab, user: User, delivery: Delivery) {
  const { platform } = await catalogFixture()
  await signInApplicant(me, user)
  const orderNo = await apply(me, {
    platform: platform.name,
    product: '个人 uKey 证书',
    handler: { name: '陈一', phone: user.phone, idNumber: user.realIdNumber! },
    material: await makeImage('jpg', 40 * 1024),
    delivery,
  })
  await payInSandbox(me, orderNo)
  await signInStaff(reviewerTab, await createStaff(['reviewer']))
  await openFromQueue(reviewerTab, '订单审核', orderNo)
  await reviewerTab.click('审核通过')
  await expect(reviewerTab, '审核通过')
  return orderNo
}

async function subjectOf(pem: string) {
  const subject = await openssl(
    ['x509', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'],
    pem
  )
  return subject.stdout
}

test.group('Browser · uKey journeys', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  for (const variant of VARIANTS) {
    test(`自助制证: the applicant pastes a CSR and downloads a certificate in the order's name (${variant.name})`, async ({
      assert,
    }) => {
      const user = await applicant()
      await withTabs([variant.applicant, variant.staff], async (me, staff) => {
        const orderNo = await approvedUkeyOrder(me, staff, user, { method: '自助制证' })

        await me.click(await me.menu('我的订单'))
        await me.click(me.page.getByRole('link', { name: '制证' }).first())
        await expect(me, '自助制证', { path: `/orders/${orderNo}/make` })
        await me.fill({ '证书请求（CSR）': await ukeyCsr() })
        await me.click('提交制证')
        await expect(me, '制证成功：证书已签发')

        const download = me.page.waitForEvent('download')
        await me.page.getByRole('link', { name: '下载证书（PEM）' }).first().click()
        const pem = readFileSync((await (await download).path())!, 'utf8')
        const files = await chainFiles()
        const verified = await openssl([
          'verify',
          '-CAfile',
          files.root,
          '-untrusted',
          files.issuing,
          tempFile('ukey.pem', pem),
        ])
        assert.equal(verified.code, 0, verified.stderr)
        const subject = await subjectOf(pem)
        assert.include(subject, '陈一')
        assert.notInclude(subject, 'uKey')
      })
    })

    test(`邮寄-收方付: the operator makes, ships with a tracking number, the applicant signs for it (${variant.name})`, async () => {
      const user = await applicant()
      const operator = await createStaff(['operator'])
      await withTabs(
        [variant.applicant, variant.staff, variant.staff],
        async (me, reviewer, op) => {
          const orderNo = await approvedUkeyOrder(me, reviewer, user, {
            method: '邮寄-收方付',
            fields: {
              收货人姓名: '陈一',
              收货人电话: user.phone,
              所在地区: '110105',
              详细地址: '示例路 8 号示例大厦 12 层',
            },
          })

          await signInStaff(op, operator)
          await openFromQueue(op, '待制证', orderNo)
          await op.fill({ '证书请求（CSR）': await ukeyCsr() })
          await op.click('签发并完成制证')
          await openFromQueue(op, '待发货', orderNo)
          await expect(op, '示例路 8 号示例大厦 12 层')
          await op.fill({ 快递公司: '顺丰速运', 快递单号: 'SF1234567890' })
          await op.click('确认发货')

          await me.visit(`/orders/${orderNo}`)
          await expect(me, '已发货')
          await expect(me, 'SF1234567890')
          await me.click('签收')
          await expect(me, '已完成')
        }
      )
    })

    test(`自取: the operator hands the uKey over after checking the pickup person's ID (${variant.name})`, async () => {
      const user = await applicant()
      const operator = await createStaff(['operator'])
      await withTabs(
        [variant.applicant, variant.staff, variant.staff],
        async (me, reviewer, op) => {
          const orderNo = await approvedUkeyOrder(me, reviewer, user, {
            method: '自取',
            fields: { 取证地址: '示例市政务服务中心 CA 窗口' },
          })

          await signInStaff(op, operator)
          await openFromQueue(op, '待制证', orderNo)
          await op.fill({ '证书请求（CSR）': await ukeyCsr() })
          await op.click('签发并完成制证')

          await me.visit(`/orders/${orderNo}`)
          await expect(me, '未领取')
          await expect(me, '示例市政务服务中心 CA 窗口')

          await openFromQueue(op, '待领取', orderNo)
          await op.fill({ 取证人出示的身份证号: '110105199001011234' })
          await op.click('核对并交付')
          await expect(op, '取证人身份证号与订单登记的不一致，不能交付')
          await op.fill({ 取证人出示的身份证号: user.realIdNumber! })
          await op.click('核对并交付')

          await me.visit(`/orders/${orderNo}`)
          await expect(me, '已完成')
        }
      )
    })
  }
})
