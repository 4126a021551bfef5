import { randomBytes } from 'node:crypto'
import { test } from '@japa/runner'
import nock from 'nock'
import { DateTime } from 'luxon'
import AuditLog from '#core/audit/audit_log'
import Payment from '#payments/models/payment'
import Refund from '#payments/models/refund'
import Invoice from '#invoices/models/invoice'
import { nextId } from '#core/ids'
import { registerRefundableOrderResolver } from '#payments/refund_hooks'
import { approveRefund, refundCrashPoints, resumeRefund } from '#payments/actions/refunds'
import {
  parseWechatpayAuthorization,
  rsaSha256Verify,
  wechatpayMessage,
  encryptWechatpayResource,
} from '#payments/drivers/wechatpay'
import { alipaySignContent, rsa2Verify } from '#payments/drivers/alipay'
import { reviewerOf } from '#core/staff'
import refundsConfig from '#config/refunds'
import Certificate from '#certificates/models/certificate'
import { certificateStatus } from '#issuance/queries/certificates'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeImage } from '#tests/helpers/files'
import { ensureCa } from '#tests/unit/issuance/support'
import { verifiedApplicant } from '#tests/functional/orders/support'
import { companyTitle, paidOrders } from '#tests/functional/invoices/support'
import {
  ALIPAY_GATEWAY,
  WECHAT_BASE,
  WECHAT_VECTOR,
  alipayAnswer,
  installTestGateways,
  keys,
  wechatSignedHeaders,
} from '#tests/fixtures/payments/support'

/**
 * 退费 through HTTP: the applicant's request (可退款, amount, summary,
 * reason required), finance's decision, the refund through the sandbox,
 * WeChat Pay (signed request, verified notification applied once, amount
 * mismatch refused), Alipay, a bank transfer recorded with a voucher, the
 * red-letter invoice, a crash between the steps, and who may see what.
 */
async function count(action: string) {
  const row = await AuditLog.query().where('action', action).count('* as n').first()
  return Number(row!.$extras.n)
}

/** a paid payment of an order the test's resolver knows */
async function paidPayment(
  method: 'wechatpay' | 'alipay' | 'bank_transfer',
  amountFen = 24000,
  refundFen = amountFen
) {
  const user = await createUser()
  const orderNo = nextId()
  const payment = await Payment.create({
    orderNo,
    userId: user.id,
    method,
    status: 'paid',
    amountFen,
    subject: '个人移动证书 1年',
    outTradeNo: `T${nextId()}`,
    transactionId: `42000${randomBytes(4).toString('hex')}`,
    paidOrderNo: orderNo,
    paidAt: DateTime.utc(),
  } as any)
  const off = registerRefundableOrderResolver(async (no, userId) =>
    no === orderNo && (!userId || userId === user.id)
      ? {
          orderNo,
          userId: user.id,
          refundable: true,
          amountFen: refundFen,
          rule: '证书尚未签发，可全额退款',
          summary: [['订单编号', orderNo]],
        }
      : null
  )
  return { user, orderNo, payment, off }
}

async function apply(
  client: any,
  user: any,
  orderNo: string,
  form: Record<string, string> = { reason: '项目取消', note: '不再需要' }
) {
  return asApplicant(client.post(`/orders/${orderNo}/refund`), user)
    .withCsrfToken()
    .form(form)
    .redirects(0)
}

function wechatRefundNotice(
  refundNo: string,
  outTradeNo: string,
  refund: number,
  status = 'SUCCESS'
) {
  const resource = encryptWechatpayResource(
    WECHAT_VECTOR.config.apiV3Key,
    JSON.stringify({
      mchid: WECHAT_VECTOR.config.mchId,
      out_trade_no: outTradeNo,
      out_refund_no: refundNo,
      refund_id: '50000000382019052709732678859',
      refund_status: status,
      amount: { total: 24000, refund, payer_total: 24000, payer_refund: refund },
    }),
    randomBytes(6).toString('hex'),
    'refund'
  )
  const body = JSON.stringify({
    id: `EV-${randomBytes(4).toString('hex')}`,
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: status === 'SUCCESS' ? 'REFUND.SUCCESS' : 'REFUND.ABNORMAL',
    summary: '退款成功',
    resource,
  })
  return { body, headers: wechatSignedHeaders(body) }
}

test.group('Refunds · sandbox, with the order and its invoice', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('退费申请 shows 可退款, the amount and the order summary; a reason is required; finance approves; the order is 已退款 and its invoice reversed (红字)', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const [order] = await paidOrders(client, user)
    const title = await companyTitle(client, user)
    await asApplicant(client.post('/invoices'), user)
      .withCsrfToken()
      .form({ 'order_type': 'ca', 'order_nos[]': [order.orderNo], 'title_id': title.id })
    const invoice = await Invoice.query().where('user_id', user.id).firstOrFail()
    const finance = await createStaff(['finance'])
    await asStaff(client.post(`/admin/invoices/${invoice.id}/issue`), finance).withCsrfToken()

    const page = await asApplicant(client.get(`/orders/${order.orderNo}/refund`), user)
    page.assertStatus(200)
    for (const text of [
      '可退款',
      '¥240.00',
      '证书尚未签发，可全额退款',
      order.orderNo,
      '支付方式',
      '沙箱支付',
      '申请说明',
    ])
      assert.include(page.text(), text)

    const empty = await apply(client, user, order.orderNo, { reason: '', note: '' })
    empty.assertStatus(302)
    assert.property(empty.flashMessage('inputErrorsBag') as object, 'reason')
    assert.equal(
      await Refund.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )

    await apply(client, user, order.orderNo)
    const refund = await Refund.query().where('order_no', order.orderNo).firstOrFail()
    assert.equal(refund.status, 'requested')
    await order.refresh()
    assert.equal(order.paymentState, 'refunding')

    const twice = await apply(client, user, order.orderNo)
    twice.assertFlashMessage('error', '该订单已有退费申请在处理中')

    await asStaff(
      client.post(`/admin/payments/refunds/${refund.id}/approve`),
      finance
    ).withCsrfToken()
    await refund.refresh()
    assert.equal(refund.status, 'refunded')
    assert.isNotNull(refund.effectsDoneAt)
    await order.refresh()
    assert.equal(order.paymentState, 'refunded')
    await invoice.refresh()
    assert.equal(invoice.status, 'reversed')
    const red = await Invoice.query().where('original_id', invoice.id).firstOrFail()
    assert.equal(red.direction, 'red')
    assert.equal(red.amountFen, -24000)

    const after = await asApplicant(client.get(`/orders/${order.orderNo}/refund`), user)
    assert.include(after.text(), '已退款')
  }).timeout(90_000)

  test('finance rejects with a reason: the order is 已支付 again and the applicant sees why', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const [order] = await paidOrders(client, user)
    await apply(client, user, order.orderNo)
    const refund = await Refund.query().where('order_no', order.orderNo).firstOrFail()
    const finance = await createStaff(['finance'])
    await asStaff(client.post(`/admin/payments/refunds/${refund.id}/reject`), finance)
      .withCsrfToken()
      .form({ reject_reason: '证书已制作，不予退款' })
    await refund.refresh()
    assert.equal(refund.status, 'rejected')
    await order.refresh()
    assert.equal(order.paymentState, 'paid')
    const page = await asApplicant(client.get(`/orders/${order.orderNo}/refund`), user)
    assert.include(page.text(), '证书已制作，不予退款')
  }).timeout(60_000)

  test('the certificate issued after the refund page read its rule and before the request decides: the rule of an issued certificate applies (不可退款; with the unused-part rule: refresh first, nothing refunded, then the unused part)', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const [order, second] = await paidOrders(client, user, 2)
    const reviewer = await createStaff(['reviewer'])
    const issueIn = (orderNo: string) => {
      refundCrashPoints.afterQuote = async () => {
        delete refundCrashPoints.afterQuote
        await asStaff(client.post(`/admin/orders/${orderNo}/approve`), reviewer).withCsrfToken()
      }
    }
    try {
      issueIn(order.orderNo)
      const refused = await apply(client, user, order.orderNo)
      await order.refresh()
      assert.equal(order.status, 'completed', 'issued in between')
      refused.assertFlashMessage('error', '证书已签发，按本中心退费规则不可退款')
      assert.equal(order.paymentState, 'paid')

      const previous = refundsConfig.afterIssuance
      refundsConfig.afterIssuance = 'unused'
      try {
        issueIn(second.orderNo)
        const changed = await apply(client, user, second.orderNo)
        await second.refresh()
        assert.equal(second.status, 'completed', 'issued in between')
        changed.assertFlashMessage('error', '订单状态刚刚发生变化，请刷新页面后重新申请')
        assert.equal(second.paymentState, 'paid')
        assert.lengthOf(
          await Refund.query().whereIn('order_no', [order.orderNo, second.orderNo]),
          0,
          'nothing refunded on a rule read before the issuance'
        )
        await apply(client, user, second.orderNo)
        const refund = await Refund.query().where('order_no', second.orderNo).firstOrFail()
        assert.isBelow(refund.amountFen, second.amountFen + 1)
        assert.isAbove(refund.amountFen, second.amountFen - 100)
      } finally {
        refundsConfig.afterIssuance = previous
      }
    } finally {
      delete refundCrashPoints.afterQuote
    }
  }).timeout(90_000)

  test('after issuance: not refundable by default; with the unused-part rule the unused part is refunded and the certificate revoked', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const [order] = await paidOrders(client, user)
    await asStaff(
      client.post(`/admin/orders/${order.orderNo}/approve`),
      await createStaff(['reviewer'])
    ).withCsrfToken()
    await order.refresh()
    assert.equal(order.status, 'completed')
    const none = await asApplicant(client.get(`/orders/${order.orderNo}/refund`), user)
    assert.include(none.text(), '证书已签发，按本中心退费规则不可退款')
    assert.include(none.text(), '不可退款')
    const refused = await apply(client, user, order.orderNo)
    refused.assertFlashMessage('error', '证书已签发，按本中心退费规则不可退款')

    const previous = refundsConfig.afterIssuance
    refundsConfig.afterIssuance = 'unused'
    try {
      const page = await asApplicant(client.get(`/orders/${order.orderNo}/refund`), user)
      assert.include(page.text(), '按未使用的有效期退款')
      await apply(client, user, order.orderNo)
      const refund = await Refund.query().where('order_no', order.orderNo).firstOrFail()
      assert.isAbove(refund.amountFen, 23900)
      assert.isAtMost(refund.amountFen, 24000)
      await asStaff(
        client.post(`/admin/payments/refunds/${refund.id}/approve`),
        await createStaff(['finance'])
      ).withCsrfToken()
      await refund.refresh()
      assert.equal(refund.status, 'refunded')
      const certificate = await Certificate.query().where('order_no', order.orderNo).firstOrFail()
      assert.equal((await certificateStatus(certificate.serial))!.status, 'revoked')
    } finally {
      refundsConfig.afterIssuance = previous
    }
  }).timeout(90_000)

  test("reviewers and operators reach no refund page; another applicant's order is 404", async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const [order] = await paidOrders(client, user)
    await apply(client, user, order.orderNo)
    const refund = await Refund.query().where('order_no', order.orderNo).firstOrFail()
    for (const role of ['reviewer', 'operator']) {
      const staff = await createStaff([role])
      for (const url of ['/admin/payments/refunds', `/admin/payments/refunds/${refund.id}`]) {
        assert.equal((await asStaff(client.get(url), staff)).status(), 403, `${role} ${url}`)
      }
      const approve = await asStaff(
        client.post(`/admin/payments/refunds/${refund.id}/approve`),
        staff
      ).withCsrfToken()
      assert.equal(approve.status(), 403)
    }
    await refund.refresh()
    assert.equal(refund.status, 'requested')
    const other = await verifiedApplicant()
    ;(await asApplicant(client.get(`/orders/${order.orderNo}/refund`), other)).assertStatus(404)
    const stolen = await apply(client, other, order.orderNo)
    assert.oneOf(stolen.status(), [302, 404])
    assert.equal(
      await Refund.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      1
    )
  }).timeout(60_000)
})

test.group('Refunds · gateways', (group) => {
  let restore: () => void
  group.each.setup(() => {
    restore = installTestGateways()
    return () => {
      restore()
      nock.cleanAll()
      delete refundCrashPoints.afterGateway
      delete refundCrashPoints.afterOutcome
    }
  })

  test('WeChat Pay: the refund request is signed with the merchant key; the verified notification refunds once; a repeat changes nothing; a forged one and a wrong amount are refused', async ({
    client,
    assert,
  }) => {
    const { user, orderNo, payment, off } = await paidPayment('wechatpay')
    try {
      await apply(client, user, orderNo)
      const refund = await Refund.query().where('order_no', orderNo).firstOrFail()
      let seen: { auth: string; body: string } | null = null
      const answer = JSON.stringify({
        refund_id: '50000000382019052709732678859',
        out_refund_no: refund.refundNo,
        status: 'PROCESSING',
        amount: { refund: 24000, total: 24000 },
      })
      let auth = ''
      nock(WECHAT_BASE)
        .matchHeader('authorization', (value: string | null) => {
          auth = value ?? ''
          return true
        })
        .post('/v3/refund/domestic/refunds', (body) => {
          seen = { auth: '', body: JSON.stringify(body) }
          return true
        })
        .reply(200, answer, { 'Content-Type': 'application/json', ...wechatSignedHeaders(answer) })
      const finance = await createStaff(['finance'])
      await asStaff(
        client.post(`/admin/payments/refunds/${refund.id}/approve`),
        finance
      ).withCsrfToken()
      await refund.refresh()
      assert.equal(refund.status, 'processing')
      const fields = parseWechatpayAuthorization(auth)!
      assert.isTrue(
        rsaSha256Verify(
          keys.merchantPublic,
          wechatpayMessage(
            'POST',
            '/v3/refund/domestic/refunds',
            fields.timestamp,
            fields.nonce_str,
            seen!.body
          ),
          fields.signature
        ),
        'the request carries a valid merchant signature'
      )
      const sent = JSON.parse(seen!.body)
      assert.equal(sent.out_refund_no, refund.refundNo)
      assert.deepEqual(sent.amount, { refund: 24000, total: 24000, currency: 'CNY' })

      const forged = wechatRefundNotice(refund.refundNo, payment.outTradeNo, 24000)
      const bad = await client
        .post('/payments/notify/refund/wechatpay')
        .headers(forged.headers)
        .unsafeJson(forged.body.replace('退款成功', '退款成功!'))
      bad.assertStatus(401)

      const wrong = wechatRefundNotice(refund.refundNo, payment.outTradeNo, 30000)
      const refused = await client
        .post('/payments/notify/refund/wechatpay')
        .headers(wrong.headers)
        .unsafeJson(wrong.body)
      refused.assertStatus(400)
      await refund.refresh()
      assert.equal(refund.status, 'processing')
      assert.equal(await count('payments.refund.notify_refused'), 2)

      const good = wechatRefundNotice(refund.refundNo, payment.outTradeNo, 24000)
      const ok = await client
        .post('/payments/notify/refund/wechatpay')
        .headers(good.headers)
        .unsafeJson(good.body)
      ok.assertStatus(200)
      assert.deepEqual(ok.body(), { code: 'SUCCESS', message: '成功' })
      const again = await client
        .post('/payments/notify/refund/wechatpay')
        .headers(good.headers)
        .unsafeJson(good.body)
      again.assertStatus(200)
      await refund.refresh()
      assert.equal(refund.status, 'refunded')
      assert.equal(await count('payments.refund.succeed'), 1)
      assert.equal(await count('payments.refund.effects'), 1)
    } finally {
      off()
    }
  })

  test('Alipay: alipay.trade.refund is signed with the app key, its answer verified; fund_change Y refunds', async ({
    client,
    assert,
  }) => {
    const { user, orderNo, off } = await paidPayment('alipay')
    try {
      await apply(client, user, orderNo)
      const refund = await Refund.query().where('order_no', orderNo).firstOrFail()
      let params: Record<string, string> = {}
      nock('https://openapi.alipay.com')
        .post('/gateway.do', (body) => {
          params = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body
          return params.method === 'alipay.trade.refund'
        })
        .reply(200, () =>
          alipayAnswer('alipay.trade.refund', {
            code: '10000',
            msg: 'Success',
            trade_no: '2025010122001400000000000001',
            out_trade_no: 'x',
            refund_fee: '240.00',
            fund_change: 'Y',
          })
        )
      await asStaff(
        client.post(`/admin/payments/refunds/${refund.id}/approve`),
        await createStaff(['finance'])
      ).withCsrfToken()
      await refund.refresh()
      assert.equal(refund.status, 'refunded')
      assert.isTrue(
        rsa2Verify(keys.alipayAppPublic, alipaySignContent(params, ['sign']), params.sign)
      )
      const biz = JSON.parse(params.biz_content)
      assert.equal(biz.out_request_no, refund.refundNo)
      assert.equal(biz.refund_amount, '240.00')
      // Alipay reads the request's timestamp as Beijing time (GMT+8), as in the payment calls
      const sent = DateTime.fromFormat(params.timestamp, 'yyyy-MM-dd HH:mm:ss', {
        zone: 'Asia/Shanghai',
      })
      assert.isBelow(Math.abs(sent.diffNow('seconds').seconds), 120)
      assert.equal(ALIPAY_GATEWAY, 'https://openapi.alipay.com/gateway.do')
    } finally {
      off()
    }
  })

  test('an amount over the paid amount is refused', async ({ client, assert }) => {
    const { user, orderNo, off } = await paidPayment('alipay', 24000, 30000)
    try {
      const response = await apply(client, user, orderNo)
      response.assertFlashMessage('error', '退款金额不能超过实付金额 ¥240.00')
      assert.equal(
        await Refund.query()
          .where('order_no', orderNo)
          .count('* as n')
          .first()
          .then((r) => Number(r!.$extras.n)),
        0
      )
    } finally {
      off()
    }
  })

  test('a bank transfer is refunded by finance recording the outgoing transfer with its voucher', async ({
    client,
    assert,
  }) => {
    const { user, orderNo, off } = await paidPayment('bank_transfer')
    try {
      await apply(client, user, orderNo)
      const refund = await Refund.query().where('order_no', orderNo).firstOrFail()
      const finance = await createStaff(['finance'])
      await asStaff(
        client.post(`/admin/payments/refunds/${refund.id}/approve`),
        finance
      ).withCsrfToken()
      await refund.refresh()
      assert.equal(refund.status, 'processing')
      const show = await asStaff(client.get(`/admin/payments/refunds/${refund.id}`), finance)
      assert.include(show.text(), '登记退款转账')
      await asStaff(client.post(`/admin/payments/refunds/${refund.id}/bank`), finance)
        .withCsrfToken()
        .field('bank_reference', 'BANK20250101001')
        .file('voucher', await makeImage('png', 30 * 1024), { filename: 'voucher.png' })
      await refund.refresh()
      assert.equal(refund.status, 'refunded')
      assert.equal(refund.bankReference, 'BANK20250101001')
      const voucher = await asStaff(
        client.get(`/admin/payments/refunds/${refund.id}/voucher`),
        finance
      )
      voucher.assertStatus(200)
    } finally {
      off()
    }
  })

  test('a crash between the steps loses nothing and does nothing twice (WeChat Pay, resumed)', async ({
    assert,
  }) => {
    const { orderNo, off } = await paidPayment('wechatpay')
    try {
      const { applyForRefund } = await import('#payments/actions/refunds')
      const { user } = { user: await Payment.query().where('order_no', orderNo).firstOrFail() }
      const refund = await applyForRefund(user.userId, orderNo, { reason: '项目取消' })
      const sent: string[] = []
      const answer = (status: string) =>
        JSON.stringify({
          refund_id: '5000000038',
          out_refund_no: refund.refundNo,
          status,
          amount: { refund: 24000, total: 24000 },
        })
      nock(WECHAT_BASE)
        .post('/v3/refund/domestic/refunds', (body) => {
          sent.push(body.out_refund_no)
          return true
        })
        .times(2)
        .reply(200, answer('SUCCESS'), {
          'Content-Type': 'application/json',
          ...wechatSignedHeaders(answer('SUCCESS')),
        })
      const finance = reviewerOf((await createStaff(['finance'])) as any)

      /* crash after the gateway refunded, before its answer was recorded */
      refundCrashPoints.afterGateway = () => {
        throw new Error('crash')
      }
      await assert.rejects(() => approveRefund(refund.id, finance), 'crash')
      await refund.refresh()
      assert.equal(refund.status, 'processing')
      delete refundCrashPoints.afterGateway

      /* crash after recording, before the effects */
      refundCrashPoints.afterOutcome = () => {
        throw new Error('crash')
      }
      await assert.rejects(() => resumeRefund(refund.id), 'crash')
      await refund.refresh()
      assert.equal(refund.status, 'refunded')
      assert.isNull(refund.effectsDoneAt)
      delete refundCrashPoints.afterOutcome

      await resumeRefund(refund.id)
      await resumeRefund(refund.id)
      await refund.refresh()
      assert.isNotNull(refund.effectsDoneAt)
      assert.deepEqual(
        sent,
        [refund.refundNo, refund.refundNo],
        'the retry asked with the same refund number'
      )
      assert.equal(await count('payments.refund.succeed'), 1)
      assert.equal(await count('payments.refund.effects'), 1)
    } finally {
      off()
    }
  })
})
