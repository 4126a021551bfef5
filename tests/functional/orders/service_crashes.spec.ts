import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Order from '#orders/models/order'
import Certificate from '#certificates/models/certificate'
import AuditLog from '#core/audit/audit_log'
import { JOBS_TABLE } from '#core/queue/adapter'
import { runQueuedJobs } from '#core/queue/jobs'
import { armFault, armedFaults, disarmFaults, FAULT_POINTS } from '#core/fault_points'
import { renew } from '#issuance/actions/lifecycle'
import { asApplicant } from '#tests/helpers/auth'
import { assertNothingLeft, backoffPassed, ISSUANCE_POINTS } from './crash_support.js'
import { ensureCa } from '#tests/unit/issuance/support'
import { catalogFixture, payWithSandbox } from '#tests/functional/orders/support'
import { holderWithServiceOrder } from '#tests/functional/orders/service_support'

/**
 * Issue 11 #1: a service order (here 更新) issues as a new order does
 * (issue 9): the CA's new certificates, the old ones' revocation and
 * CRL, the new 我的证书 row and the order's transition commit in one
 * transaction under the order's row lock. A crash at any step of it
 * leaves the old certificate in force and nothing issued; the job's
 * retry renews exactly once.
 */

/** a paid personal renewal (no review): approved by its payment, its issuance job queued */
async function paidRenewal(client: any) {
  const fixture = await catalogFixture()
  const { user, certificate, order } = await holderWithServiceOrder(
    client,
    fixture.cloud,
    fixture.cloudMaterial.id,
    'renew'
  )
  await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
    .withCsrfToken()
    .form({})
  await payWithSandbox(client, user, order.orderNo)
  await order.refresh()
  if (order.status !== 'approved')
    throw new Error(`the payment should approve the renewal, it is ${order.status}`)
  return { user, certificate, order }
}

/** the old certificate's CA rows (a cloud pair) */
function oldRows(certificate: Certificate) {
  return db
    .from('issued_certificates')
    .whereIn('serial', [certificate.serial, certificate.encSerial!])
}

/** renewed exactly once: one new pair, one 我的证书 row naming the old one, the old pair superseded once */
async function assertRenewedOnce(assert: any, orderNo: string, old: Certificate) {
  const order = await Order.findByOrFail('order_no', orderNo)
  assert.equal(order.status, 'completed', `order ${orderNo} is ${order.status}`)
  const rows = await Certificate.query().where('order_no', orderNo)
  assert.lengthOf(rows, 1, 'one new 我的证书 row')
  assert.equal(rows[0].replacesId, old.id)
  assert.equal(rows[0].serviceType, 'renew')
  const issued = await db.from('issued_certificates').where('reference', orderNo)
  assert.lengthOf(issued, 2, 'one new CA pair')
  assert.sameMembers(
    issued.map((row) => row.status),
    ['valid', 'valid']
  )
  assert.equal(issued.find((row) => row.usage === 'sign').serial, rows[0].serial)
  const retired = await oldRows(old)
  assert.sameMembers(
    retired.map((row) => `${row.status} ${row.revocation_reason}`),
    ['revoked superseded', 'revoked superseded']
  )
  const renewals = await AuditLog.query().where('action', 'issuance.certificate.renew')
  const ofOld = renewals.filter((entry) => JSON.stringify(entry.data).includes(old.serial))
  assert.lengthOf(ofOld, 1, 'the old certificate superseded once')
  assert.lengthOf(
    await AuditLog.query().where('action', 'orders.order.issue').where('subject_id', orderNo),
    1
  )
  await assertNothingLeft(assert)
}

test.group('Crashes · a service order (更新)', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  for (const point of ISSUANCE_POINTS) {
    test(`a crash at ${point} (${FAULT_POINTS[point]}) while renewing: the old certificate stays in force, the job's retry renews once`, async ({
      client,
      assert,
    }) => {
      const { certificate, order } = await paidRenewal(client)

      armFault(point)
      await runQueuedJobs()
      assert.deepEqual(armedFaults(), [], 'the fault was hit')
      await order.refresh()
      assert.equal(order.status, 'approved', 'the renewal rolled back as a whole')
      assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 0)
      assert.lengthOf(await db.from('issued_certificates').where('reference', order.orderNo), 0)
      const old = await oldRows(certificate)
      assert.sameMembers(
        old.map((row) => row.status),
        ['valid', 'valid'],
        'the old certificate is still in force'
      )
      const [job] = await db.from(JOBS_TABLE)
      assert.equal(job.status, 'delayed')

      await backoffPassed()
      assert.equal(await runQueuedJobs(), 1)
      await assertRenewedOnce(assert, order.orderNo, certificate)
    })
  }

  test('what an earlier version left (the CA renewed for the order, no 我的证书 row): recorded, not renewed again', async ({
    client,
    assert,
  }) => {
    const { certificate, order } = await paidRenewal(client)
    /* the CA's step committed on its own, the process died before 我的证书 */
    await renew({ serial: certificate.serial, years: 1, windowDays: 90, reference: order.orderNo })

    assert.equal(await runQueuedJobs(), 1)
    await assertRenewedOnce(assert, order.orderNo, certificate)
  })
})
