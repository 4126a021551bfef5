/**
 * Money after payment, in a browser: 发票抬头 (add, multi-select delete with
 * its confirmation page), 申请开票 (tick an order, 预计可开票金额, 确认),
 * finance 开具发票, the invoice page with 下载 and 复制发票链接, 退费申请 and
 * finance's approval, 财务账簿 and 日对账. Once on a phone with JavaScript,
 * once on a laptop without it (and the staff tab the other way round).
 */
import { test } from '@japa/runner'
import { withTabs, type TabOptions } from './support/browser.js'
import { expect } from './support/expect.js'
import { signInApplicant, signInStaff } from './support/login.js'
import { applicantWithHistory, createStaff, ensureCa } from './support/fixtures.js'

const VARIANTS: Array<{ name: string; me: TabOptions; staff: TabOptions }> = [
  { name: 'phone, JavaScript on', me: { viewport: 'phone' }, staff: { viewport: 'phone' } },
  {
    name: 'laptop, JavaScript off',
    me: { viewport: 'desktop', js: false },
    staff: { viewport: 'phone', js: false },
  },
]

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
})
