import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#orders/models/order'
import Payment from '#payments/models/payment'
import Certificate from '#certificates/models/certificate'
import AuditLog from '#core/audit/audit_log'
import audit from '#core/audit/audit_service'
import gateways from '#payments/gateways'
import type { SandboxDriver } from '#payments/drivers/sandbox'
import { JOBS_TABLE } from '#core/queue/adapter'
import { runQueuedJobs } from '#core/queue/jobs'
import {
  armFault,
  armedFaults,
  disarmFaults,
  FAULT_POINTS,
  type FaultPointName,
} from '#core/fault_points'
import { createStaff } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { assertNothingLeft, backoffPassed, ISSUANCE_POINTS } from './crash_support.js'
import { ensureCa, opensslCsr } from '#tests/unit/issuance/support'
import { catalogFixture, fillApplication, payWithSandbox, verifiedApplicant } from './support.js'

/**
 * Issue 9, "done when": a crash (an injected fault, #core/fault_points)
 * at each step of a payment notification and of issuance, then the
 * gateway's retry, a second click or the job: exactly one payment,
 * exactly one certificate (one CA pair, one key set, one 我的证书 row),
 * nothing left in the queue, and the audit chain verifies. The same file
 * runs on PostgreSQL (DB_CONNECTION=pg).
 */

const PAYMENT_POINTS: FaultPointName[] = [
  'payments.notify.after_lock',
  'orders.pay.after_transition',
  'payments.settle.after_paid',
  'payments.notify.after_commit',
]

/** a submitted cloud order (online install), paid unless the product reviews before payment */
async function submittedCloudOrder(
  client: any,
  reviewMode: 'after_payment' | 'before_payment' = 'after_payment'
) {
  const fixture = await catalogFixture({ reviewMode })
  const user = await verifiedApplicant()
  const order = await fillApplication(client, user, fixture.cloud.id, fixture.cloudMaterial.id)
  await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user).withCsrfToken()
  if (reviewMode === 'after_payment') await payWithSandbox(client, user, order.orderNo)
  await order.refresh()
  return { user, order }
}

function approve(client: any, orderNo: string, reviewer: any) {
  return asStaff(client.post(`/admin/orders/${orderNo}/approve`), reviewer)
    .withCsrfToken()
    .redirects(0)
}

/** the sandbox gateway's signed notification of a success, as it would POST it */
function notify(client: any, payment: Payment) {
  const driver = gateways.get('sandbox') as SandboxDriver
  const n = driver.buildNotification({
    outTradeNo: payment.outTradeNo,
    amountFen: payment.amountFen,
    success: true,
  })
  return client
    .post('/payments/notify/sandbox')
    .headers(n.headers as any)
    .unsafeJson(n.body)
}

/**
 * Exactly one of everything for the order, nothing stuck, chain intact.
 */
async function assertExactlyOnce(assert: any, orderNo: string) {
  const order = await Order.findByOrFail('order_no', orderNo)
  assert.equal(order.status, 'completed', `order ${orderNo} is ${order.status}`)
  assert.equal(order.paymentState, 'paid')
  const paid = await Payment.query().where('order_no', orderNo).where('status', 'paid')
  assert.lengthOf(paid, 1, 'one paid payment')
  assert.lengthOf(
    await Payment.query().where('order_no', orderNo).where('status', 'refund_due'),
    0,
    'no second payment to refund'
  )
  assert.lengthOf(await Certificate.query().where('order_no', orderNo), 1, 'one 我的证书 row')
  const issued = await db.from('issued_certificates').where('reference', orderNo)
  assert.lengthOf(issued, 2, 'one CA pair (signing + encryption)')
  assert.lengthOf(
    await db.from('cloud_credentials').where('reference', orderNo),
    1,
    'one cloud key set'
  )
  assert.lengthOf(
    await AuditLog.query().where('action', 'orders.order.issue').where('subject_id', orderNo),
    1
  )
  const signing = issued.find((row) => row.usage === 'sign')
  assert.lengthOf(
    await AuditLog.query()
      .where('action', 'issuance.certificate.issue_pair')
      .where('subject_id', signing.serial),
    1,
    'one issuance audited'
  )
  await assertNothingLeft(assert)
}

test.group('Crashes · payment notification', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  for (const point of PAYMENT_POINTS) {
    test(`a crash at ${point} (${FAULT_POINTS[point]}), then the gateway's retry: paid once, issued once`, async ({
      client,
      assert,
    }) => {
      /* reviewed before payment: the payment approves the order and enqueues its issuance */
      const { user, order } = await submittedCloudOrder(client, 'before_payment')
      await approve(client, order.orderNo, await createStaff(['reviewer']))
      await order.refresh()
      assert.equal(order.status, 'pending_payment')
      await asApplicant(client.post('/payments'), user)
        .withCsrfToken()
        .form({ order_no: order.orderNo, method: 'sandbox' })
      const payment = await Payment.query().where('order_no', order.orderNo).firstOrFail()

      armFault(point)
      const crashed = await notify(client, payment)
      assert.deepEqual(armedFaults(), [], 'the fault was hit')
      assert.notEqual(crashed.status(), 200, 'the gateway is not told success')

      await order.refresh()
      await payment.refresh()
      if (point === 'payments.notify.after_commit') {
        /* committed before the crash: paid, approved, its issuance job queued */
        assert.equal(payment.status, 'paid')
      } else {
        /* nothing of the notification's transaction is left */
        assert.equal(payment.status, 'pending')
        assert.equal(order.status, 'pending_payment')
        assert.lengthOf(await db.from(JOBS_TABLE), 0)
      }

      /* the gateway notifies again (and again: a repeat changes nothing) */
      ;(await notify(client, payment)).assertStatus(200)
      ;(await notify(client, payment)).assertStatus(200)
      assert.equal(await runQueuedJobs(), 1, 'the issuance job ran')
      await assertExactlyOnce(assert, order.orderNo)
    })
  }
})

test.group('Crashes · approval and issuance', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  test('a crash before the approval commits leaves the order waiting for review; approving again issues once', async ({
    client,
    assert,
  }) => {
    const { order } = await submittedCloudOrder(client)
    const reviewer = await createStaff(['reviewer'])
    armFault('orders.approve.before_commit')
    const crashed = await approve(client, order.orderNo, reviewer)
    assert.equal(crashed.status(), 500)
    await order.refresh()
    assert.equal(order.status, 'pending_review')
    assert.lengthOf(await db.from(JOBS_TABLE), 0, 'no job without the approval')

    await approve(client, order.orderNo, reviewer)
    assert.equal(await runQueuedJobs(), 1)
    await assertExactlyOnce(assert, order.orderNo)
  })

  test('a crash right after the approval commits: the job issues the certificate', async ({
    client,
    assert,
  }) => {
    const { order } = await submittedCloudOrder(client)
    armFault('orders.approve.after_commit')
    const crashed = await approve(client, order.orderNo, await createStaff(['reviewer']))
    assert.equal(crashed.status(), 500)
    await order.refresh()
    assert.equal(order.status, 'approved')
    assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 0)

    /* the process is gone; the job runner takes the job */
    assert.equal(await runQueuedJobs(), 1)
    await assertExactlyOnce(assert, order.orderNo)
  })

  for (const point of ISSUANCE_POINTS) {
    test(`a crash at ${point} (${FAULT_POINTS[point]}) in the approval's issuance and again in the job's first attempt: the job's retry issues once`, async ({
      client,
      assert,
    }) => {
      const { order } = await submittedCloudOrder(client)
      armFault(point)
      const approved = await approve(client, order.orderNo, await createStaff(['reviewer']))
      assert.deepEqual(armedFaults(), [])
      assert.equal(approved.status(), 302)
      await order.refresh()
      assert.equal(order.status, 'approved', 'the issuance rolled back as a whole')
      assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 0)
      assert.lengthOf(await db.from('issued_certificates').where('reference', order.orderNo), 0)
      assert.lengthOf(await db.from('cloud_credentials').where('reference', order.orderNo), 0)

      /* the job's first attempt crashes at the same step: it is retried with backoff */
      armFault(point)
      await runQueuedJobs()
      assert.deepEqual(armedFaults(), [])
      const [job] = await db.from(JOBS_TABLE)
      assert.equal(job.status, 'delayed')

      await backoffPassed()
      assert.equal(await runQueuedJobs(), 1)
      await assertExactlyOnce(assert, order.orderNo)
      const failures = await AuditLog.query()
        .where('action', 'orders.order.issue_failed')
        .where('subject_id', order.orderNo)
      assert.lengthOf(failures, 2, 'each failed attempt is on the order’s record')
    })
  }

  for (const point of ISSUANCE_POINTS) {
    test(`uKey 制证: a crash at ${point}, then 制证 again: one certificate`, async ({
      client,
      assert,
    }) => {
      const fixture = await catalogFixture()
      const user = await verifiedApplicant()
      const order = await fillApplication(client, user, fixture.ukey.id, fixture.ukeyMaterial.id, {
        delivery_method: 'self_make',
      })
      await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user).withCsrfToken()
      await payWithSandbox(client, user, order.orderNo)
      await approve(client, order.orderNo, await createStaff(['reviewer']))
      const { csrPem } = await opensslCsr(2048)
      const make = () =>
        asApplicant(client.post(`/orders/${order.orderNo}/make`), user)
          .withCsrfToken()
          .form({ csr: csrPem })
          .redirects(0)

      armFault(point)
      const crashed = await make()
      assert.equal(crashed.status(), 500)
      await order.refresh()
      assert.equal(order.status, 'approved')
      assert.lengthOf(await db.from('issued_certificates').where('reference', order.orderNo), 0)

      const made = await make()
      assert.equal(
        made.flashMessages().success,
        '制证成功：证书已签发，请下载证书和证书链写入 uKey'
      )
      const again = await make()
      assert.equal(again.flashMessages().error, '该订单已制证，请勿重复提交')
      await order.refresh()
      assert.equal(order.status, 'completed')
      assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 1)
      assert.lengthOf(await db.from('issued_certificates').where('reference', order.orderNo), 1)
      const chain = await audit.verify()
      assert.isTrue(chain.ok, chain.reason)
    })
  }

  test('an issuance job out of retries shows on 任务队列 as 失败 with 重试; 重试 issues once', async ({
    client,
    assert,
  }) => {
    const { order } = await submittedCloudOrder(client)
    armFault('orders.approve.after_commit')
    await approve(client, order.orderNo, await createStaff(['reviewer']))
    /* every attempt crashes: 1 + 8 retries */
    armFault('issuance.after_ca_insert', { times: 9 })
    for (let attempt = 0; attempt < 9; attempt++) {
      await backoffPassed()
      await runQueuedJobs()
    }
    assert.deepEqual(armedFaults(), [])
    const [job] = await db.from(JOBS_TABLE)
    assert.equal(job.status, 'failed')

    const admin = await createStaff(['super_admin'])
    const page = await asStaff(client.get('/admin/jobs'), admin)
    page.assertStatus(200)
    assert.include(page.text(), '审核通过后签发证书')
    assert.include(page.text(), `/admin/jobs/${job.id}/retry`)

    const retried = await asStaff(client.post(`/admin/jobs/${job.id}/retry`), admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(retried.header('location'), '/admin/jobs')
    assert.equal(await runQueuedJobs(), 1)
    await assertExactlyOnce(assert, order.orderNo)
  })
})
