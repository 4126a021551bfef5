/**
 * Organisations in the browser, once on a phone (375 px) with JavaScript
 * and once on a laptop without it: 查询机构 → 无认证机构，直接创建 → 认领
 * by the legal representative's phone (获取验证码) → the org's pages
 * (成员, 添加成员, 审核管理) → 切换身份 shown in the header; another person
 * 确认，申请加入 with a reason, the admin 退回 it with a 驳回类型; the
 * micro-deposit claim page and the back office's 沙箱打款记录 and
 * 机构认领审核; every other org page opened once. Then the enterprise
 * wizard at 375 px: acting for the org, the 申请信息 step shows the org's
 * block read-only. The legal representative's 在线签署 on a phone
 * (375 px, no JavaScript): 人脸识别 (the sandbox's page, the signing page
 * refreshing itself), then the SMS code and a photo of the signature.
 */
import { test } from '@japa/runner'
import { withTabs, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant, signInStaff } from './support/login.js'
import { createStaff } from './support/fixtures.js'
import { requestCode } from './support/steps.js'
import { makeImage, makePdf } from '#tests/helpers/files'
import { residentId, uniquePhone, usccCode } from '#tests/helpers/factories'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import OrgClaim from '#orgs/models/org_claim'
import { catalogFixture, enterpriseFixture } from '#tests/functional/orders/support'

const VARIANTS: Array<{ name: string; me: TabOptions; other: TabOptions }> = [
  { name: 'phone, JavaScript on', me: { viewport: 'phone' }, other: { viewport: 'desktop' } },
  {
    name: 'laptop, JavaScript off',
    me: { viewport: 'desktop', js: false },
    other: { viewport: 'phone', js: false },
  },
]

test.group('Browser · organisations', () => {
  for (const variant of VARIANTS) {
    test(`claim by the legal representative's phone, members, 审核管理, 切换身份, join (${variant.name})`, async () => {
      const admin = await verifiedUser('苏管理')
      const colleague = await verifiedUser('李同事')
      const joiner = await verifiedUser('孙申请')
      const uscc = usccCode()
      const legalRepPhone = uniquePhone()
      await withTabs([variant.me, variant.other], async (me, other) => {
        await signInApplicant(me, admin)
        await me.click(await me.menu('我的机构'))
        await expect(me, '关联机构', { path: '/orgs' })
        await me.click(me.page.getByRole('link', { name: '查询机构' }).first())
        await me.fill({ 机构统一社会信用代码: uscc })
        await me.click('查询')
        await me.click(me.page.getByRole('link', { name: '无认证机构，直接创建' }))
        await expect(me, '认领机构', { path: '/orgs/claim' })
        await me.field('营业执照').setInputFiles(await makeImage('png', 30 * 1024))
        await me.fill({
          企业名称: '辽宁浏览器测试有限公司',
          法定代表人姓名: '王法人',
          法定代表人证件号码: residentId('19700101', '211302', '285'),
          法定代表人手机号: legalRepPhone,
        })
        const code = await requestCode(me, legalRepPhone, 'real_name')
        if (!me.js) await me.field('营业执照').setInputFiles(await makeImage('png', 30 * 1024))
        await me.fill({ '短信验证码（发送至法定代表人手机）': code })
        await me.click('认领机构')
        await expect(me, '认领成功')
        await me.click(me.page.getByRole('link', { name: '进入机构' }))
        await expect(me, '辽宁浏览器测试有限公司')

        await me.click(me.page.getByRole('link', { name: '机构成员' }))
        await me.fill({ 姓名: '李同事', 手机号: colleague.phone })
        await me.click('添加')
        await expect(me, '已添加成员')

        await me.visit('/orgs/identity')
        await me.page.getByRole('radio', { name: /辽宁浏览器测试有限公司/ }).check()
        await me.click('切换')
        await expect(me, '当前身份：辽宁浏览器测试有限公司 · 管理员')

        await signInApplicant(other, joiner)
        await other.visit(`/orgs/search?uscc=${uscc}`)
        await expect(other, '苏*')
        await other.click(other.page.getByRole('link', { name: '确认，申请加入' }))
        await other.click(other.page.getByRole('link', { name: '提交加入申请' }))
        await other.fill({ 申请理由: '本单位投标专员' })
        await other.click('提交申请')
        await expect(other, '加入申请已提交')

        await me.visit('/orgs')
        await me.click(me.page.getByRole('link', { name: '进入机构' }).first())
        await me.click(me.page.getByRole('link', { name: '审核管理' }))
        await me.click(me.page.getByRole('link', { name: '详情' }).first())
        await expect(me, '审批类型')
        await me.fill({ 驳回类型: '非本单位人员', 原因描述: '经核实非本单位员工' })
        await me.click('提交')
        await expect(me, '已退回')

        for (const page of ['transfer', 'change', 'deregister', 'leave']) {
          const org = me.path.split('/')[2]
          await me.visit(`/orgs/${org}/${page}`)
        }
        await me.visit('/orgs/history')
        await expect(me, '认领记录')
      })
    })

    test(`micro-deposit claim, 沙箱打款记录, CA review queue, appeal page (${variant.name})`, async () => {
      const user = await verifiedUser('周认领')
      const squatter = await verifiedUser()
      const { org } = await claimedOrg(squatter)
      const reviewer = await createStaff(['reviewer'])
      await withTabs([variant.me, variant.other], async (me, staff) => {
        await signInApplicant(me, user)
        await me.visit('/orgs/claim?method=deposit')
        await me.field('营业执照').setInputFiles(await makeImage('png', 30 * 1024))
        await me.fill({
          企业名称: '辽宁打款测试有限公司',
          统一社会信用代码: usccCode(),
          法定代表人姓名: '王法人',
          法定代表人证件号码: residentId('19700101', '211302', '285'),
          法定代表人手机号: uniquePhone(),
          开户银行: '中国工商银行示例支行',
          对公账号: '6222000011112222',
        })
        await me.click('发起打款')
        await expect(me, '回填打款验证码')

        await signInStaff(staff, reviewer)
        await staff.click(await staff.menu(/^沙箱打款记录/))
        await expect(staff, 'CertDesk机构认证')
        const memo = await staff.text('td[data-label="附言"]')
        await me.fill({ 打款附言验证码: /(\d{6})/.exec(memo)![1] })
        await me.click('提交')
        await expect(me, '认领成功')

        await me.visit('/orgs/claim?method=review')
        await me.field('营业执照').setInputFiles(await makeImage('png', 30 * 1024))
        await me.field('授权委托书').setInputFiles(makePdf())
        await me.fill({
          企业名称: '辽宁审核测试有限公司',
          统一社会信用代码: usccCode(),
          法定代表人姓名: '王法人',
          法定代表人证件号码: residentId('19700101', '211302', '285'),
          法定代表人手机号: uniquePhone(),
        })
        await me.click('提交审核')
        await expect(me, '待审核')
        await staff.click(await staff.menu(/^机构认领审核/))
        await staff.click(
          staff.page.locator('tr', { hasText: '辽宁审核测试有限公司' }).getByRole('link').first()
        )
        await expect(staff, '授权委托书')
        await staff.click('审核通过')
        await expect(staff, '已通过')

        await me.visit(`/orgs/appeal?uscc=${org.uscc}`)
        await expect(me, '已被他人认领')
      })
    })
  }

  test('acting for the org, the wizard offers its products and shows the enterprise block read-only (phone, 375 px)', async ({
    assert,
  }) => {
    const admin = await verifiedUser('苏管理')
    const member = await verifiedUser('李员工')
    const { org } = await claimedOrg(admin, { members: [member] })
    const { platform } = await catalogFixture()
    await enterpriseFixture(platform.id)
    await withTabs([{ viewport: 'phone' }], async (me) => {
      await signInApplicant(me, member)
      await me.visit('/orgs/identity')
      await me.page.getByRole('radio', { name: new RegExp(org.name) }).check()
      await me.click('切换')
      await me.visit(`/apply/${platform.id}`)
      await expect(me, '办理身份')
      assert.equal(await me.page.getByRole('radio', { name: /个人移动证书/ }).count(), 0)
      await me.page.getByRole('radio', { name: /单位移动证书/ }).check()
      await me.page.getByRole('radio', { name: '1年', exact: true }).check()
      await me.click('下一步')
      await me.page.getByRole('checkbox', { name: /我已阅读并同意/ }).check()
      await me.click('同意并继续')
      await expect(me, '单位信息（来自机构认证信息，不可修改）')
      await expect(me, org.uscc)
      assert.isNotNull(await me.field('经办人姓名').getAttribute('readonly'))
    })
  })

  test('the legal representative signs on a phone: 人脸识别 first, then code and signature (375 px, no JavaScript)', async () => {
    const user = await verifiedUser('周认领')
    const uscc = usccCode()
    const legalRepPhone = uniquePhone()
    const phone: TabOptions = { viewport: 'phone', js: false }
    await withTabs([phone, phone], async (me, face) => {
      await signInApplicant(me, user)
      await me.visit('/orgs/claim?method=signing')
      await me.field('营业执照').setInputFiles(await makeImage('png', 30 * 1024))
      await me.fill({
        企业名称: '辽宁签署测试有限公司',
        统一社会信用代码: uscc,
        法定代表人姓名: '王法人',
        法定代表人证件号码: residentId('19700101', '211302', '285'),
        法定代表人手机号: legalRepPhone,
      })
      await me.click('发起签署')
      const claim = await OrgClaim.findByOrFail('uscc', uscc)

      await face.visit(`/orgs/sign/${claim.signToken}`)
      await face.click('开始人脸识别')
      await expect(face, '请法定代表人用手机扫码')
      const link = await face.page.locator('a.face-link').getAttribute('href')
      await me.visit(link!)
      await me.click('模拟识别成功')
      await face.page.getByText('人脸识别已通过').waitFor({ timeout: 20_000 })
      await face.check()
      const code = await requestCode(face, legalRepPhone, 'orgs_sign')
      await face.fill({ 法定代表人短信验证码: code })
      await face
        .field('签名照片（无法手写时上传白纸上的签名照片）')
        .setInputFiles(await makeImage('png', 30 * 1024))
      await face.click('确认签署')
      await expect(face, '认领成功')
    })
  }).timeout(90_000)

  test('with JavaScript on (375 px) the signing page waits for 人脸识别 without reloading: no meta refresh, a quiet poll, then the result', async ({
    assert,
  }) => {
    const user = await verifiedUser('吴认领')
    const uscc = usccCode()
    const phone: TabOptions = { viewport: 'phone' }
    await withTabs([phone, phone], async (me, face) => {
      await signInApplicant(me, user)
      await me.visit('/orgs/claim?method=signing')
      await me.field('营业执照').setInputFiles(await makeImage('png', 30 * 1024))
      await me.fill({
        企业名称: '辽宁轮询测试有限公司',
        统一社会信用代码: uscc,
        法定代表人姓名: '王法人',
        法定代表人证件号码: residentId('19700101', '211302', '285'),
        法定代表人手机号: uniquePhone(),
      })
      await me.click('发起签署')
      const claim = await OrgClaim.findByOrFail('uscc', uscc)

      await face.visit(`/orgs/sign/${claim.signToken}`)
      await face.click('开始人脸识别')
      await expect(face, '请法定代表人用手机扫码')
      /* with JavaScript the <noscript> refresh is inert: the page stays as it is past its 5 s */
      await face.page.evaluate(() => ((globalThis as any).__stayed = true))
      assert.equal(await face.page.locator('meta[http-equiv="refresh"]').count(), 0)
      await face.page.waitForTimeout(6_500)
      assert.isTrue(await face.page.evaluate(() => (globalThis as any).__stayed === true))

      const link = await face.page.locator('a.face-link').getAttribute('href')
      await me.visit(link!)
      await me.click('模拟识别成功')
      await face.page.getByText('人脸识别已通过').waitFor({ timeout: 20_000 })
      await face.check()
      /* typing the code: nothing reloads the page under the fingers */
      await face.fill({ 法定代表人短信验证码: '12345' })
      await face.page.waitForTimeout(6_500)
      assert.equal(await face.field('法定代表人短信验证码').inputValue(), '12345')
    })
  }).timeout(90_000)
})
