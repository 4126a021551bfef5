import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { nextId } from '#core/ids'
import Payment from '#payments/models/payment'
import Refund from '#payments/models/refund'
import { parseStatement } from '#payments/books/statement'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import User from '#accounts/models/user'

/**
 * 财务账簿: lists with filters and CSV, 日对账 per platform and gateway, and a
 * gateway statement with each kind of mismatch; only finance gets in.
 */
const today = () => DateTime.now().setZone('Asia/Shanghai').toISODate()!

async function paid(
  method: 'wechatpay' | 'alipay',
  amountFen: number,
  outTradeNo = `T${nextId()}`
) {
  const user = await createUser()
  const orderNo = nextId()
  return Payment.create({
    orderNo,
    userId: user.id,
    method,
    status: 'paid',
    amountFen,
    subject: '个人移动证书 1年',
    outTradeNo,
    transactionId: `42${nextId()}`,
    paidOrderNo: orderNo,
    paidAt: DateTime.utc(),
  } as any)
}

function wechatStatement(rows: Array<[string, string]>) {
  const header =
    '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'
  const lines = rows.map(
    ([outTradeNo, amount]) =>
      `\`${today()} 10:00:00,\`wx0000000000000001,\`1900000001,\`0,\`,\`4200000000${outTradeNo.slice(-8)},\`${outTradeNo},\`oUser,\`NATIVE,\`SUCCESS,\`OTHERS,\`CNY,\`${amount},\`0.00,\`0,\`0,\`0.00,\`0.00,\`,\`,\`个人移动证书,\`,\`0.00,\`0.60%,\`${amount},\`0.00,\``
  )
  return [
    header,
    ...lines,
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    `\`${rows.length},\`0,\`0,\`0,\`0,\`0,\`0`,
  ].join('\r\n')
}

test.group('Finance books', () => {
  test('a WeChat Pay statement with each kind of mismatch: paid here not there, amount differs, there not here', async ({
    client,
    assert,
  }) => {
    const a = await paid('wechatpay', 24000)
    const b = await paid('wechatpay', 30000)
    const c = await paid('wechatpay', 12000)
    const statement = wechatStatement([
      [a.outTradeNo, '240.00'],
      [b.outTradeNo, '250.00'],
      ['T9999999999999999999', '400.00'],
    ])
    const parsed = parseStatement(statement)
    assert.equal(parsed.gateway, 'wechatpay')
    assert.lengthOf(parsed.rows, 3)

    const finance = await createStaff(['finance'])
    const response = await asStaff(client.post('/admin/payments/reconciliation/import'), finance)
      .withCsrfToken()
      .field('date', today())
      .field('method', 'wechatpay')
      .file('statement', Buffer.from('\uFEFF' + statement), { filename: 'wechat.csv' })
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '不一致 <strong>3</strong> 笔')
    assert.include(html, '本系统已支付，对账单中没有')
    assert.include(html, c.outTradeNo)
    assert.include(html, '金额不一致')
    assert.include(html, '¥250.00')
    assert.include(html, '对账单中有，本系统没有已支付记录')
    assert.include(html, 'T9999999999999999999')
  })

  test('an Alipay statement is read too (comments, 业务类型 交易)', ({ assert }) => {
    const text = [
      '#支付宝业务明细查询',
      '#账号：[20880000000000000156]',
      '#起始日期：[2025年01月01日 00:00:00]   终止日期：[2025年01月02日 00:00:00]',
      '#-----------------------------------------业务明细列表----------------------------------------',
      '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
      '2025010122001400000000000001\t,T1,交易,个人移动证书,2025-01-01 10:00:00,2025-01-01 10:00:05,,,,,buyer@example.com,240.00,240.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,-1.44,0.00,',
      '2025010122001400000000000001\t,T1,退款,个人移动证书,2025-01-01 11:00:00,2025-01-01 11:00:05,,,,,buyer@example.com,-240.00,-240.00,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,R1,1.44,0.00,',
      '#-----------------------------------------业务明细列表结束------------------------------------',
      '#交易合计：1笔，商家实收共240.00元',
    ].join('\n')
    const parsed = parseStatement(text)
    assert.equal(parsed.gateway, 'alipay')
    assert.deepEqual(
      parsed.rows.map((r) => [r.outTradeNo, r.amountFen]),
      [['T1', 24000]]
    )
  })

  test('日对账 sums paid, refunded, net per gateway; lists filter and export as CSV', async ({
    client,
    assert,
  }) => {
    const a = await paid('wechatpay', 24000)
    await paid('alipay', 30000)
    await Refund.create({
      refundNo: `R${nextId()}`,
      paymentId: a.id,
      orderNo: a.orderNo,
      userId: a.userId,
      method: 'wechatpay',
      amountFen: 24000,
      paidFen: 24000,
      reason: '项目取消',
      status: 'refunded',
      refundedAt: DateTime.utc(),
    } as any)
    const finance = await createStaff(['finance'])
    const page = await asStaff(
      client.get(`/admin/payments/reconciliation?date=${today()}`),
      finance
    )
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '微信支付')
    assert.include(html, '支付宝')
    assert.include(html, '¥540.00')
    assert.include(html, '¥300.00')

    const list = await asStaff(
      client.get('/admin/payments/books?tab=payments&method=alipay'),
      finance
    )
    list.assertStatus(200)
    assert.notInclude(list.text(), a.orderNo)
    const csv = await asStaff(
      client.get('/admin/payments/books/export?tab=payments&method=wechatpay'),
      finance
    )
    csv.assertStatus(200)
    assert.include(csv.header('content-type')!, 'text/csv')
    assert.include(csv.text(), a.orderNo)
    const refunds = await asStaff(client.get('/admin/payments/books/export?tab=refunds'), finance)
    assert.include(refunds.text(), '已退款')
  })

  test('a refunded payment shows 已退款, a partly refunded one 部分退款 (支付详情, books, CSV, the applicant’s page), and the status filter finds them', async ({
    client,
    assert,
  }) => {
    const full = await paid('wechatpay', 24000)
    const part = await paid('wechatpay', 30000)
    const untouched = await paid('wechatpay', 12000)
    for (const [payment, amountFen, status] of [
      [full, 24000, 'refunded'],
      [part, 10000, 'refunded'],
      [untouched, 12000, 'rejected'],
    ] as const) {
      await Refund.create({
        refundNo: `R${nextId()}`,
        paymentId: payment.id,
        orderNo: payment.orderNo,
        userId: payment.userId,
        method: 'wechatpay',
        amountFen,
        paidFen: payment.amountFen,
        reason: '项目取消',
        status,
        refundedAt: status === 'refunded' ? DateTime.utc() : null,
      } as any)
    }
    const finance = await createStaff(['finance'])
    const detail = await asStaff(client.get(`/admin/payments/${full.id}`), finance)
    detail.assertStatus(200)
    assert.include(detail.text(), '已退款')
    assert.include(detail.text(), '已退款金额')
    const partDetail = await asStaff(client.get(`/admin/payments/${part.id}`), finance)
    assert.include(partDetail.text(), '部分退款')
    assert.include(partDetail.text(), '¥100.00')

    const book = await asStaff(client.get('/admin/payments/books?tab=payments'), finance)
    const rowOf = (html: string, orderNo: string) =>
      html.slice(html.indexOf(orderNo), html.indexOf('</tr>', html.indexOf(orderNo)))
    assert.include(rowOf(book.text(), full.orderNo), '已退款')
    assert.include(rowOf(book.text(), part.orderNo), '部分退款')
    assert.include(rowOf(book.text(), untouched.orderNo), '已支付')
    const csv = await asStaff(client.get('/admin/payments/books/export?tab=payments'), finance)
    const line = (orderNo: string) =>
      csv
        .text()
        .split('\r\n')
        .find((l) => l.includes(orderNo))!
    assert.include(line(full.orderNo), '已退款')
    assert.include(line(part.orderNo), '部分退款')

    const refunded = await asStaff(
      client.get('/admin/payments/books?tab=payments&status=refunded'),
      finance
    )
    assert.include(refunded.text(), full.orderNo)
    assert.notInclude(refunded.text(), part.orderNo)
    const paidOnly = await asStaff(
      client.get('/admin/payments/books?tab=payments&status=paid'),
      finance
    )
    assert.include(paidOnly.text(), untouched.orderNo)
    assert.notInclude(paidOnly.text(), full.orderNo)
    assert.notInclude(paidOnly.text(), part.orderNo)

    const applicant = await User.findOrFail(full.userId)
    const own = await asApplicant(client.get(`/payments/${full.id}`), applicant)
    own.assertStatus(200)
    assert.include(own.text(), '已退款')
    assert.include(own.text(), '本笔支付已全额退款')
  })

  test('reviewers and operators see none of the books', async ({ client, assert }) => {
    for (const role of ['reviewer', 'operator']) {
      const staff = await createStaff([role])
      for (const url of [
        '/admin/payments/books',
        '/admin/payments/books/export',
        '/admin/payments/reconciliation',
      ]) {
        assert.equal((await asStaff(client.get(url), staff)).status(), 403, `${role} ${url}`)
      }
      const post = await asStaff(
        client.post('/admin/payments/reconciliation/import'),
        staff
      ).withCsrfToken()
      assert.equal(post.status(), 403)
    }
  })
})
