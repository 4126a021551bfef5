import { test } from '@japa/runner'
import nock from 'nock'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import AuditLog from '#core/audit/audit_log'
import Message from '#core/messages/message'
import Payment from '#payments/models/payment'
import { PaymentError } from '#payments/errors'
import { startPayment, startPaymentForApplicant } from '#payments/actions/start_payment'
import { applyGatewayResult } from '#payments/actions/gateway_results'
import { closeOrderPayments } from '#payments/actions/close_payment'
import { paidAmountOfOrder, paymentSummaries, paymentsOfOrder } from '#payments/queries/payments'
import { isolatePaymentHooks, onPaymentSucceeded } from '#payments/hooks'
import type { GatewayResult } from '#payments/drivers/contract'
import { createUser } from '#tests/helpers/factories'
import { WECHAT_BASE, fakeOrders, installTestGateways } from '#tests/fixtures/payments/support'

function paid(payment: Payment, overrides: Partial<GatewayResult> = {}): GatewayResult {
  return {
    outTradeNo: payment.outTradeNo,
    state: 'paid',
    amountFen: payment.amountFen,
    transactionId: `TX${payment.outTradeNo}`,
    paidAt: DateTime.utc(),
    data: { test: true },
    ...overrides,
  }
}

test.group('Payment service · start', (group) => {
  let orders: ReturnType<typeof fakeOrders>
  let restore: () => void
  group.each.setup(() => {
    restore = installTestGateways()
    orders = fakeOrders()
    return () => {
      orders.restore()
      restore()
      nock.cleanAll()
    }
  })

  test('opens a pending sandbox payment with a local QR link, valid for 30 minutes, audited', async ({
    assert,
  }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id)
    const payment = await startPayment({
      orderNo,
      userId: user.id,
      amountFen: 24000,
      subject: '个人证书',
      method: 'sandbox',
    })
    assert.equal(payment.status, 'pending')
    assert.match(payment.outTradeNo, /^\d{19}$/)
    assert.match(payment.codeUrl!, new RegExp(`/payments/sandbox/${payment.id}\\?t=[\\w-]{32}$`))
    const minutes = payment.expiresAt!.diff(DateTime.utc(), 'minutes').minutes
    assert.isAbove(minutes, 29)
    assert.isAtMost(minutes, 30)
    const entry = await AuditLog.query()
      .where('action', 'orders.payment.create')
      .where('subject_id', payment.id)
      .firstOrFail()
    assert.include(entry.data!, orderNo)
  })

  test('reuses the open attempt of the same method and closes the others', async ({ assert }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id)
    const input = {
      orderNo,
      userId: user.id,
      amountFen: 24000,
      subject: '个人证书',
      method: 'sandbox',
    }
    const first = await startPayment(input)
    const again = await startPayment(input)
    assert.equal(again.id, first.id)

    const transfer = await startPayment({ ...input, method: 'bank_transfer' })
    assert.notEqual(transfer.id, first.id)
    assert.isNull(transfer.expiresAt)
    await first.refresh()
    assert.equal(first.status, 'closed')
    assert.equal(first.failureReason, '已重新发起支付')
    const rows = await paymentsOfOrder(orderNo)
    assert.deepEqual(rows.map((p) => p.status).sort(), ['closed', 'pending'])
    assert.isNotNull(
      await AuditLog.query()
        .where('action', 'orders.payment.close')
        .where('subject_id', first.id)
        .first()
    )
  })

  test('an expired QR code is replaced by a new attempt', async ({ assert }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id)
    const input = {
      orderNo,
      userId: user.id,
      amountFen: 24000,
      subject: '个人证书',
      method: 'sandbox',
    }
    const first = await startPayment(input)
    first.expiresAt = DateTime.utc().minus({ minutes: 1 })
    await first.save()
    const second = await startPayment(input)
    assert.notEqual(second.id, first.id)
    await first.refresh()
    assert.equal(first.status, 'closed')
    assert.equal(first.failureReason, '二维码已过期')
  })

  test('refuses a paid order, an order whose voucher waits for finance, and bad input', async ({
    assert,
  }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id)
    const input = {
      orderNo,
      userId: user.id,
      amountFen: 24000,
      subject: '个人证书',
      method: 'sandbox',
    }
    const payment = await startPayment(input)
    await applyGatewayResult('sandbox', paid(payment))
    await assert.rejects(() => startPayment(input), '该订单已支付，无需重复支付')
    await assert.rejects(
      () => startPayment({ ...input, method: 'bank_transfer' }),
      '该订单已支付，无需重复支付'
    )

    const other = orders.add(user.id)
    const transfer = await startPayment({
      ...input,
      orderNo: other,
      method: 'bank_transfer',
    })
    await Payment.query().where('id', transfer.id).update({ status: 'submitted' })
    await assert.rejects(
      () => startPayment({ ...input, orderNo: other }),
      '您已提交汇款凭证，正在等待财务确认，请勿重复支付'
    )

    await assert.rejects(
      () => startPayment({ ...input, orderNo: orders.add(user.id), amountFen: 0 }),
      '该订单无需支付'
    )
    await assert.rejects(() => startPayment({ ...input, orderNo: '123' }), '订单编号无效')
    await assert.rejects(
      () => startPayment({ ...input, orderNo: orders.add(user.id), method: 'cash' }),
      '请选择可用的支付方式'
    )
    installTestGateways(['sandbox'])
    await assert.rejects(
      () => startPayment({ ...input, orderNo: orders.add(user.id), method: 'alipay' }),
      '请选择可用的支付方式'
    )
  })

  test("another applicant cannot pay into someone else's order number", async ({ assert }) => {
    const owner = await createUser()
    const stranger = await createUser()
    const orderNo = orders.add(owner.id)
    await startPayment({
      orderNo,
      userId: owner.id,
      amountFen: 24000,
      subject: 's',
      method: 'sandbox',
    })
    await assert.rejects(
      () =>
        startPayment({
          orderNo,
          userId: stranger.id,
          amountFen: 1,
          subject: 's',
          method: 'sandbox',
        }),
      '订单信息不符，无法支付'
    )
    await assert.rejects(
      () => startPaymentForApplicant(stranger.id, orderNo, 'sandbox'),
      '订单不存在'
    )
  })

  test('a gateway that cannot open the order leaves a closed attempt and a Chinese message', async ({
    assert,
  }) => {
    const user = await createUser()
    const orderNo = orders.add(user.id)
    nock(WECHAT_BASE)
      .post('/v3/pay/transactions/native')
      .reply(500, { code: 'SYSTEM_ERROR', message: '系统繁忙' })
    const error = await startPayment({
      orderNo,
      userId: user.id,
      amountFen: 24000,
      subject: 's',
      method: 'wechatpay',
    }).catch((e) => e)
    assert.instanceOf(error, PaymentError)
    assert.equal(error.message, '微信支付下单失败：系统繁忙。请稍后重试或选择其他支付方式')
    const [attempt] = await paymentsOfOrder(orderNo)
    assert.equal(attempt.status, 'closed')
    assert.equal(attempt.failureReason, '微信支付下单失败：系统繁忙')
  })
})

test.group('Payment service · gateway results', (group) => {
  let orders: ReturnType<typeof fakeOrders>
  let restore: () => void
  group.each.setup(() => {
    restore = installTestGateways()
    orders = fakeOrders()
    return () => {
      orders.restore()
      restore()
    }
  })

  async function open(method = 'sandbox', amountFen = 24000) {
    const user = await createUser()
    const orderNo = orders.add(user.id, amountFen)
    const payment = await startPayment({
      orderNo,
      userId: user.id,
      amountFen,
      subject: '个人证书',
      method,
    })
    return { user, orderNo, payment }
  }

  test('a success marks the payment paid and tells the orders module once', async ({ assert }) => {
    const { user, orderNo, payment } = await open()
    const outcome = await applyGatewayResult('sandbox', paid(payment))
    assert.equal(outcome.kind, 'applied')
    await payment.refresh()
    assert.equal(payment.status, 'paid')
    assert.equal(payment.paidOrderNo, orderNo)
    assert.equal(payment.transactionId, `TX${payment.outTradeNo}`)
    assert.lengthOf(orders.succeeded, 1)
    assert.containSubset(orders.succeeded[0], {
      orderNo,
      paymentId: payment.id,
      userId: user.id,
      amountFen: 24000,
      method: 'sandbox',
    })
    assert.equal(await paidAmountOfOrder(orderNo), 24000)

    const repeated = await applyGatewayResult('sandbox', paid(payment))
    assert.equal(repeated.kind, 'unchanged')
    assert.lengthOf(orders.succeeded, 1)
    assert.lengthOf(
      await AuditLog.query().where('action', 'orders.payment.paid').where('subject_id', payment.id),
      1
    )
  })

  test('an amount mismatch is refused, audited, and changes nothing', async ({ assert }) => {
    const { payment } = await open()
    const outcome = await applyGatewayResult('sandbox', paid(payment, { amountFen: 1 }))
    assert.equal(outcome.kind, 'refused')
    assert.equal((outcome as any).reason, 'amount_mismatch')
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    assert.lengthOf(orders.succeeded, 0)
    const entry = await AuditLog.query()
      .where('action', 'orders.payment.notify_refused')
      .where('subject_id', payment.id)
      .firstOrFail()
    assert.containSubset(JSON.parse(entry.data!), {
      reason: 'amount_mismatch',
      reportedAmountFen: 1,
      expectedAmountFen: 24000,
    })
  })

  test('an unknown trade number or the wrong gateway is refused', async ({ assert }) => {
    const { payment } = await open()
    const unknown = await applyGatewayResult(
      'sandbox',
      paid(payment, { outTradeNo: '9999999999999999999' })
    )
    assert.equal((unknown as any).reason, 'unknown_payment')
    const wrong = await applyGatewayResult('alipay', paid(payment))
    assert.equal((wrong as any).reason, 'method_mismatch')
    await payment.refresh()
    assert.equal(payment.status, 'pending')
  })

  test('a paid order is never paid twice: a late success of another attempt is kept for refund', async ({
    assert,
  }) => {
    const { user, orderNo, payment: first } = await open()
    const second = await startPayment({
      orderNo,
      userId: user.id,
      amountFen: 24000,
      subject: '个人证书',
      method: 'bank_transfer',
    })
    await applyGatewayResult('sandbox', paid(first))
    await first.refresh()
    /* the first attempt was closed when the second was opened: the money arrived anyway */
    assert.equal(first.status, 'paid')

    const third = new Payment()
    third.fill({
      orderNo,
      userId: user.id,
      method: 'sandbox',
      status: 'closed',
      amountFen: 24000,
      subject: 's',
      outTradeNo: '2099000000000000001',
    })
    await third.save()
    const outcome = await applyGatewayResult('sandbox', paid(third))
    assert.equal(outcome.kind, 'applied')
    assert.equal((outcome as any).status, 'refund_due')
    await third.refresh()
    assert.equal(third.status, 'refund_due')
    assert.match(third.failureReason!, /^订单已由支付 \d{19} 完成，本笔为重复支付，待退款$/)
    assert.isNull(third.paidOrderNo)
    assert.lengthOf(orders.succeeded, 1)
    assert.equal(await paidAmountOfOrder(orderNo), 24000)
    assert.isNotNull(
      await Message.query().where('user_id', user.id).where('title', '收到的款项将退回').first()
    )
    await second.refresh()
    assert.equal(second.status, 'closed')
    assert.equal(second.failureReason, '订单已由其他支付完成')
  })

  test('the orders module may refuse a payment it can no longer take: kept for refund, not paid', async ({
    assert,
  }) => {
    const { user, orderNo, payment } = await open()
    orders.restore()
    const back = isolatePaymentHooks()
    onPaymentSucceeded(async () => ({ refuse: '订单已取消' }))
    try {
      const outcome = await applyGatewayResult('sandbox', paid(payment))
      assert.equal((outcome as any).status, 'refund_due')
    } finally {
      back()
    }
    await payment.refresh()
    assert.equal(payment.status, 'refund_due')
    assert.equal(payment.failureReason, '订单已取消，待退款')
    assert.isNull(payment.paidOrderNo)
    assert.equal(await paidAmountOfOrder(orderNo), 0)
    const message = await Message.query()
      .where('user_id', user.id)
      .where('title', '收到的款项将退回')
      .firstOrFail()
    assert.include(message.body, '订单已取消')
    assert.isNotNull(
      await AuditLog.query()
        .where('action', 'orders.payment.refund_due')
        .where('subject_id', payment.id)
        .first()
    )
    const repeat = await applyGatewayResult('sandbox', paid(payment))
    assert.equal(repeat.kind, 'unchanged')
  })

  test('the database refuses a second paid attempt of the same order', async ({ assert }) => {
    const { orderNo, payment } = await open()
    await applyGatewayResult('sandbox', paid(payment))
    const twin = new Payment()
    twin.fill({
      orderNo,
      userId: payment.userId,
      method: 'sandbox',
      status: 'paid',
      amountFen: 1,
      subject: 's',
      outTradeNo: '2099000000000000002',
      paidOrderNo: orderNo,
    })
    const error = await db.transaction((trx) => twin.useTransaction(trx).save()).catch((e) => e)
    assert.instanceOf(error, Error)
    assert.match(String(error.message), /unique|UNIQUE|duplicate/i)
  })

  test('a failure marks the attempt failed and tells the orders module', async ({ assert }) => {
    const { orderNo, payment } = await open()
    const outcome = await applyGatewayResult('sandbox', {
      ...paid(payment),
      state: 'failed',
      reason: '余额不足',
    })
    assert.equal((outcome as any).status, 'failed')
    await payment.refresh()
    assert.equal(payment.status, 'failed')
    assert.equal(payment.failureReason, '余额不足')
    assert.lengthOf(orders.failed, 1)
    assert.equal(orders.failed[0].orderNo, orderNo)
    assert.equal(orders.failed[0].reason, '余额不足')
  })

  test('closing an order closes its open attempts; a paid order cannot be closed', async ({
    assert,
  }) => {
    const { orderNo, payment } = await open()
    const closed = await db.transaction((trx) => closeOrderPayments(orderNo, '用户取消申请', trx))
    assert.equal(closed, 1)
    await payment.refresh()
    assert.equal(payment.status, 'closed')

    const other = await open()
    await applyGatewayResult('sandbox', paid(other.payment))
    await assert.rejects(
      () => db.transaction((trx) => closeOrderPayments(other.orderNo, '用户取消申请', trx)),
      '订单已支付，不能关闭支付'
    )
  })

  test('summaries give each order its payment status', async ({ assert }) => {
    const a = await open()
    const b = await open()
    await applyGatewayResult('sandbox', paid(b.payment))
    const summaries = await paymentSummaries([a.orderNo, b.orderNo, '1111111111111111111'])
    assert.equal(summaries[a.orderNo].label, '待支付')
    assert.equal(summaries[a.orderNo].paymentId, a.payment.id)
    assert.equal(summaries[b.orderNo].status, 'paid')
    assert.equal(summaries[b.orderNo].label, '已支付')
    assert.equal(summaries['1111111111111111111'].status, 'unpaid')
  })
})
