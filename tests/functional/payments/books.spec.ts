import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { nextId } from '#core/ids'
import Payment from '#payments/models/payment'
import { parseStatement } from '#payments/books/statement'
import StatementImport from '#payments/models/statement_import'
import StatementLine from '#payments/models/statement_line'
import type { ApiClient } from '@japa/api-client'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { refundOf } from '#tests/fixtures/payments/support'
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

/** rows: [out_trade_no, amount] paid, or [out_trade_no, refund amount, out_refund_no] refunded */
function wechatStatement(rows: Array<[string, string] | [string, string, string]>) {
  const header =
    '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'
  const lines = rows.map(([outTradeNo, amount, refundNo]) => {
    const refund = refundNo
      ? ['REFUND', '0.00', `50000${outTradeNo.slice(-8)}`, refundNo, amount]
      : ['SUCCESS', amount, '0', '0', '0.00']
    return `\`${today()} 10:00:00,\`wx0000000000000001,\`1900000001,\`0,\`,\`4200000000${outTradeNo.slice(-8)},\`${outTradeNo},\`oUser,\`NATIVE,\`${refund[0]},\`OTHERS,\`CNY,\`${refund[1]},\`0.00,\`${refund[2]},\`${refund[3]},\`${refund[4]},\`0.00,\`,\`${refundNo ? 'SUCCESS' : ''},\`个人移动证书,\`,\`0.00,\`0.60%,\`${amount},\`0.00,\``
  })
  return [
    header,
    ...lines,
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    `\`${rows.length},\`0,\`0,\`0,\`0,\`0,\`0`,
  ].join('\r\n')
}

async function importWechat(client: ApiClient, finance: any, statement: string) {
  return asStaff(client.post('/admin/payments/reconciliation/import'), finance)
    .withCsrfToken()
    .field('date', today())
    .field('method', 'wechatpay')
    .file('statement', Buffer.from('\uFEFF' + statement), { filename: 'wechat.csv' })
}

/** finance imports the statement: 3 mismatches, each of the texts on the result page */
async function importShows(client: ApiClient, statement: string, texts: string[]) {
  const finance = await createStaff(['finance'])
  const response = await importWechat(client, finance, statement)
  response.assertStatus(200)
  const html = response.text()
  for (const text of ['不一致 <strong>3</strong> 笔', ...texts])
    response.assert!.include(html, text)
  return finance
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

    await importShows(client, statement, [
      '本系统已支付，对账单中没有',
      c.outTradeNo,
      '金额不一致',
      '¥250.00',
      '对账单中有，本系统没有已支付记录',
      'T9999999999999999999',
    ])
  })

  test('refund lines are compared too (matched, refunded here not there, amount differs, there not here); the import is kept with its lines, listed on 日对账 and shown again', async ({
    client,
    assert,
  }) => {
    const a = await paid('wechatpay', 24000)
    const b = await paid('wechatpay', 30000)
    const c = await paid('wechatpay', 12000)
    const matched = await refundOf(a, 24000)
    const missing = await refundOf(b, 30000)
    const differs = await refundOf(c, 5000)
    const statement = wechatStatement([
      [a.outTradeNo, '240.00'],
      [b.outTradeNo, '300.00'],
      [c.outTradeNo, '120.00'],
      [a.outTradeNo, '240.00', matched.refundNo],
      [c.outTradeNo, '60.00', differs.refundNo],
      ['T8888888888888888888', '80.00', 'R8888888888888888888'],
    ])
    const parsed = parseStatement(statement)
    assert.lengthOf(parsed.rows, 3)
    assert.deepEqual(
      parsed.refunds.map((r) => [r.refundNo, r.amountFen]),
      [
        [matched.refundNo, 24000],
        [differs.refundNo, 6000],
        ['R8888888888888888888', 8000],
      ]
    )

    const finance = await importShows(client, statement, [
      '本系统已退款，对账单中没有',
      missing.refundNo,
      '退款金额不一致',
      '¥60.00',
      '对账单中有退款，本系统没有已退款记录',
      'R8888888888888888888',
    ])

    const record = await StatementImport.query().firstOrFail()
    assert.equal(record.gateway, 'wechatpay')
    assert.equal(record.statementDate, today())
    assert.equal(record.mismatchCount, 3)
    assert.equal(record.matched, 4)
    assert.equal(record.ourRefundCount, 3)
    assert.equal(record.statementRefundCount, 3)
    assert.equal(record.staffName, finance.displayName)
    const lines = await StatementLine.query().where('import_id', record.id)
    assert.lengthOf(lines, 7)
    assert.sameMembers(
      lines.filter((l) => l.line === 'refund').map((l) => `${l.refundNo}:${l.result}`),
      [
        `${matched.refundNo}:matched`,
        `${missing.refundNo}:missing_there`,
        `${differs.refundNo}:amount_differs`,
        'R8888888888888888888:missing_here',
      ]
    )

    const day = await asStaff(client.get(`/admin/payments/reconciliation?date=${today()}`), finance)
    assert.include(day.text(), '导入记录')
    assert.include(day.text(), `/admin/payments/reconciliation/imports/${record.id}`)
    const again = await asStaff(
      client.get(`/admin/payments/reconciliation/imports/${record.id}`),
      finance
    )
    again.assertStatus(200)
    assert.include(again.text(), '退款金额不一致')
    assert.include(again.text(), missing.refundNo)
    const reviewer = await createStaff(['reviewer'])
    const refused = await asStaff(
      client.get(`/admin/payments/reconciliation/imports/${record.id}`),
      reviewer
    )
    refused.assertStatus(403)
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
    assert.deepEqual(parsed.refunds, [{ outTradeNo: 'T1', refundNo: 'R1', amountFen: 24000 }])
  })

  test('日对账 sums paid, refunded, net per gateway; lists filter and export as CSV', async ({
    client,
    assert,
  }) => {
    const a = await paid('wechatpay', 24000)
    await paid('alipay', 30000)
    await refundOf(a, 24000)
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
    await refundOf(full, 24000)
    await refundOf(part, 10000)
    await refundOf(untouched, 12000, 'rejected')
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
