/**
 * Money after payment, in a browser: 发票抬头 (add, multi-select delete with
 * its confirmation page), 申请开票 (tick an order, 预计可开票金额, 确认),
 * finance 开具发票, the invoice page with 下载 and 复制发票链接, 退费申请 and
 * finance's approval, 财务账簿 and 日对账. Once on a phone with JavaScript,
 * once on a laptop without it (and the staff tab the other way round).
 */
import { test } from '@japa/runner'
import { withTabs, type Tab, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant, signInStaff } from './support/login.js'
import {
  applicant,
  applicantWithHistory,
  catalogFixture,
  createStaff,
  ensureCa,
} from './support/fixtures.js'
import { payInSandbox } from './support/steps.js'
import { expectNot } from './support/expect.js'
import Invoice from '#invoices/models/invoice'
import Payment from '#payments/models/payment'
import { refundOf } from '#tests/fixtures/payments/support'
import { asApplicant } from '#tests/helpers/auth'
import { fillApplication } from '#tests/functional/orders/support'
import { claimedOrg } from '#tests/functional/orgs/helpers'
import { afterClaim } from '#tests/functional/invoices/support'

const VARIANTS: Array<{ name: string; me: TabOptions; staff: TabOptions }> = [
  { name: 'phone, JavaScript on', me: { viewport: 'phone' }, staff: { viewport: 'phone' } },
  {
    name: 'laptop, JavaScript off',
    me: { viewport: 'desktop', js: false },
    staff: { viewport: 'phone', js: false },
  },
]

/** 切换身份 to the test's org */
async function actForOrg(tab: Tab) {
  await tab.visit('/orgs/identity')
  await tab.page.getByRole('radio', { name: /浏览器开票测试有限公司/ }).check()
  await tab.click('切换')
}

test.group('Browser · invoices and refunds', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  for (const variant of VARIANTS) {
    test(`发票抬头, 申请开票, 开具, 下载; 退费申请 and its approval; 财务账簿 (${variant.name})`, async ({
      client,
    }) => {
      const { user, orders } = await applicantWithHistory(client, {
        cloud: false,
        pickup: true,
        mailed: false,
      })
      const orderNo = orders.pickup!.orderNo
      const finance = await createStaff(['finance'])
      await withTabs([variant.me, variant.staff], async (me, staff) => {
        await signInApplicant(me, user)

        await me.visit('/account/invoice-titles/create')
        await me.page.getByRole('radio', { name: '个人' }).check()
        await me.fill({ '抬头名称': '陈一', '电子邮箱（接收电子发票）': 'chen@example.cn' })
        await me.click('保存')
        await expect(me, '发票抬头已保存')
        await me.visit('/account/invoice-titles/create')
        await me.page.getByRole('radio', { name: '个人' }).check()
        await me.fill({ '抬头名称': '陈二', '电子邮箱（接收电子发票）': 'chen2@example.cn' })
        await me.click('保存')
        await me.page.getByRole('row', { name: /陈二/ }).getByRole('checkbox').check()
        await me.click('删除抬头')
        await expect(me, '确定要删除选中的抬头吗？')
        await me.click('确认')
        await expect(me, '已删除 1 个发票抬头')

        await me.visit('/invoices')
        await me.click('申请开票')
        await me.page
          .getByRole('row', { name: new RegExp(orderNo) })
          .getByRole('checkbox')
          .check()
        await me.click('下一步')
        await expect(me, '预计可开票金额')
        await me.click('确认')
        await expect(me, '待开票')

        await signInStaff(staff, finance)
        await staff.click(await staff.menu(/^发票管理/))
        await staff.click(staff.page.getByRole('link', { name: '查看' }).first())
        await staff.click('开具发票（沙箱）')
        await expect(staff, '发票已开具')

        await me.visit('/invoices')
        await me.click(me.page.getByRole('link', { name: '查看' }).first())
        await expect(me, '复制发票链接')
        await expect(me, '下载发票（PDF）')

        await me.visit(`/orders/${orderNo}`)
        await me.click(me.page.getByRole('link', { name: '退费申请' }))
        await expect(me, '可退款')
        await me.fill({ 退费原因: '项目取消' })
        await me.click('申请退费')
        await expect(me, '退费申请已提交')

        await staff.click(await staff.menu(/^退款管理/))
        await staff.click(staff.page.getByRole('link', { name: '查看' }).first())
        await staff.click('审核通过并退款')
        await expect(staff, '已原路退款')

        await me.visit(`/orders/${orderNo}/refund`)
        await expect(me, '已退款')

        await staff.click(await staff.menu('财务账簿'))
        await expect(staff, orderNo)
        await staff.click(await staff.menu('日对账'))
        await expect(staff, '导入对账单')
        await staff.click(await staff.menu('邮件发件箱'))
        await expect(staff, 'chen@example.cn')
      })
    }).timeout(180_000)
  }

  test('是否开票 in the payment form (新增抬头 and back), the org’s title book, 已退款 on the payment, kept statement imports, the expired invoice link (phone, JavaScript off)', async ({
    client,
  }) => {
    const fixture = await catalogFixture()
    const user = await applicant()
    const member = await applicant()
    const order = await fillApplication(client, user, fixture.cloud.id, fixture.cloudMaterial.id)
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user).withCsrfToken()
    const { org } = await claimedOrg(user, { name: '浏览器开票测试有限公司', members: [member] })
    await afterClaim(org, user)
    const finance = await createStaff(['finance'])
    await withTabs(
      [{ viewport: 'phone', js: false }, { viewport: 'phone' }, { viewport: 'phone', js: false }],
      async (me, staff, colleague) => {
        await signInApplicant(me, user)
        await me.visit(`/orders/${order.orderNo}/pay`)
        await expect(me, '是否开票')
        await expect(me, '发票抬头簿为空')
        await me.click(me.page.getByRole('link', { name: '新增抬头' }))
        await me.page.getByRole('radio', { name: '个人' }).check()
        await me.fill({ '抬头名称': '陈一', '电子邮箱（接收电子发票）': 'chen@example.cn' })
        await me.click('保存')
        await expect(me, '发票抬头已保存', { path: `/orders/${order.orderNo}/pay` })
        await me.page.getByRole('radio', { name: /^是/ }).check()
        await me.page.getByRole('radio', { name: /陈一（个人）/ }).check()
        await payInSandbox(me, order.orderNo)
        await me.visit('/invoices')
        await expect(me, '待开票')
        await expect(me, order.orderNo)
        await me.visit('/invoices/new?order_type=platform')
        await expect(me, '本中心暂未在线办理平台服务类业务')

        /* acting for the org: its book, its own title; a member only reads it */
        await actForOrg(me)
        await me.visit('/account/invoice-titles')
        await expect(me, '浏览器开票测试有限公司 · 发票抬头')
        await expect(me, '本单位抬头')
        await me.click(me.page.getByRole('link', { name: '添加抬头' }))
        await me.page.getByRole('radio', { name: '单位' }).check()
        await me.fill({
          '抬头名称': '浏览器开票测试有限公司分公司',
          '纳税人识别号（单位抬头必填，18 位统一社会信用代码）': org.uscc,
          '电子邮箱（接收电子发票）': 'org@example.cn',
        })
        await me.click('保存')
        await expect(me, '浏览器开票测试有限公司分公司')
        await signInApplicant(colleague, member)
        await actForOrg(colleague)
        await colleague.visit('/account/invoice-titles')
        await expect(colleague, '由本单位管理员维护')
        await expectNot(colleague, '删除抬头')
        await colleague.visit('/account/invoice-titles/create', { status: 403 })

        /* finance issues the invoice asked at payment; the payment refunded shows 已退款 */
        const invoice = await Invoice.query().where('user_id', user.id).firstOrFail()
        await signInStaff(staff, finance)
        await staff.visit(`/admin/invoices/${invoice.id}`)
        await staff.click('开具发票（沙箱）')
        await expect(staff, '发票已开具')
        const payment = await Payment.query()
          .where('order_no', order.orderNo)
          .where('status', 'paid')
          .firstOrFail()
        await refundOf(payment, payment.amountFen)
        await me.visit(`/payments/${payment.id}`)
        await expect(me, '本笔支付已全额退款')
        await staff.visit('/admin/payments/books?tab=payments&status=refunded')
        await expect(staff, order.orderNo)
        await staff.visit(`/admin/payments/${payment.id}`)
        await expect(staff, '已退款金额')

        /* 导入对账单: kept, listed, shown again */
        await staff.click(await staff.menu('日对账'))
        await staff.page.locator('input[name="statement"]').setInputFiles({
          name: 'wechat.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(
            '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n' +
              '`2026-01-01 10:00:00,`wx1,`1900000001,`0,`,`42000001,`T1234567890123456789,`o,`NATIVE,`SUCCESS,`OTHERS,`CNY,`240.00,`0.00,`0,`0,`0.00,`0.00,`,`,`证书,`,`0.00,`0.60%,`240.00,`0.00,`\r\n'
          ),
        })
        await staff.click('导入并核对')
        await expect(staff, '对账单中有，本系统没有已支付记录')
        await staff.click(staff.page.getByRole('link', { name: '返回日对账' }))
        await expect(staff, '导入记录')
        await staff.click(staff.page.getByRole('link', { name: '查看' }).first())
        await expect(staff, 'T1234567890123456789')
        await staff.click(await staff.menu('邮件发件箱'))
        await expect(staff, 'chen@example.cn')

        /* the shared link after INVOICE_LINK_DAYS */
        await invoice.refresh()
        invoice.issuedAt = invoice.issuedAt!.minus({ days: 91 })
        await invoice.save()
        await me.visit(`/e-invoices/${invoice.token}`, { status: 410 })
        await expect(me, '发票链接已过期')
      }
    )
  }).timeout(180_000)
})
