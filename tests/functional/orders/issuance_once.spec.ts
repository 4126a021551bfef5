import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { issueCloudPair } from '#issuance/actions/issue_certificate'
import Order from '#orders/models/order'
import Certificate from '#certificates/models/certificate'
import AuditLog from '#core/audit/audit_log'
import { createStaff } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { ensureCa, opensslCsr } from '#tests/unit/issuance/support'
import { issueIfCloud } from '#orders/actions/fulfilment'
import { issueCloudCertificateForOrder } from '#certificates/actions/issue_for_order'
import { orderForIssue } from '#orders/actions/fulfilment'
import { catalogFixture, fillApplication, payWithSandbox, verifiedApplicant } from './support.js'

/**
 * An order gives one certificate, however often (and however fast) 制证
 * or 签发证书 is clicked.
 */
async function paidOrder(client: any, kind: 'cloud' | 'ukey', delivery: Record<string, string>) {
  const fixture = await catalogFixture()
  const user = await verifiedApplicant()
  const product = kind === 'cloud' ? fixture.cloud : fixture.ukey
  const material = kind === 'cloud' ? fixture.cloudMaterial : fixture.ukeyMaterial
  const draft = await fillApplication(client, user, product.id, material.id, delivery)
  await asApplicant(client.post(`/orders/${draft.orderNo}/apply/confirm`), user).withCsrfToken()
  await payWithSandbox(client, user, draft.orderNo)
  await draft.refresh()
  return { ...fixture, user, order: draft }
}

test.group('Orders · one certificate per order', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('制证 submitted three times at once issues one certificate; the others are told it is done', async ({
    client,
    assert,
  }) => {
    const { user, order } = await paidOrder(client, 'ukey', { delivery_method: 'self_make' })
    await asStaff(
      client.post(`/admin/orders/${order.orderNo}/approve`),
      await createStaff(['reviewer'])
    ).withCsrfToken()
    const { csrPem } = await opensslCsr(2048)

    const responses = await Promise.all(
      [1, 2, 3].map(() =>
        asApplicant(client.post(`/orders/${order.orderNo}/make`), user)
          .withCsrfToken()
          .form({ csr: csrPem })
          .redirects(0)
      )
    )
    const made = responses.filter((r) => r.flashMessages().success)
    const refused = responses.filter((r) => r.flashMessages().error)
    assert.lengthOf(made, 1)
    assert.lengthOf(refused, 2)
    /* said on top of the page: the form is no longer there */
    for (const r of refused) assert.equal(r.flashMessages().error, '该订单已制证，请勿重复提交')

    assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 1)
    await order.refresh()
    assert.equal(order.status, 'completed')
    assert.lengthOf(
      await AuditLog.query()
        .where('action', 'orders.order.self_make')
        .where('subject_id', order.orderNo),
      1
    )
  })

  test("the operator's 制证 twice at once issues one certificate", async ({ client, assert }) => {
    const { order, pickupPoint, user } = await paidOrder(client, 'ukey', {
      delivery_method: 'self_make',
    })
    await Order.query()
      .where('id', order.id)
      .update({
        delivery_method: 'pickup',
        delivery: JSON.stringify({
          pickupName: '陈一',
          pickupPhone: user.phone,
          pickupIdNumber: user.realIdNumber,
          pickupPointId: pickupPoint.id,
          pickupPointName: pickupPoint.name,
        }),
      })
    await asStaff(
      client.post(`/admin/orders/${order.orderNo}/approve`),
      await createStaff(['reviewer'])
    ).withCsrfToken()
    const operator = await createStaff(['operator'])
    const { csrPem } = await opensslCsr(2048)

    const responses = await Promise.all(
      [1, 2].map(() =>
        asStaff(client.post(`/admin/orders/${order.orderNo}/make`), operator)
          .withCsrfToken()
          .form({ csr: csrPem })
          .redirects(0)
      )
    )
    assert.lengthOf(
      responses.filter((r) => r.flashMessages().success),
      1
    )
    assert.lengthOf(
      responses.filter((r) => r.flashMessages().error === '该订单已制证，请勿重复提交'),
      1
    )
    assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 1)
    await order.refresh()
    assert.equal(order.status, 'awaiting_pickup')
  })

  test('签发证书 clicked twice for an approved cloud order issues one pair', async ({
    client,
    assert,
  }) => {
    const { order } = await paidOrder(client, 'cloud', { delivery_method: 'online_install' })
    /* approved, but its certificate not issued yet (as after a CA failure) */
    await Order.query().where('id', order.id).update({ status: 'approved' })
    const staff = await createStaff(['reviewer'])

    const results = await Promise.all(
      [1, 2].map(() =>
        issueIfCloud(order.id, { type: 'staff', id: staff.id, name: staff.displayName })
      )
    )
    assert.deepEqual(results.map((r) => r.issued).sort(), [false, true])
    assert.isUndefined(results.find((r) => !r.issued)!.error)
    assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 1)
    await order.refresh()
    assert.equal(order.status, 'completed')
  })

  test('a certificate already recorded for the order is not issued again when the transition is retried', async ({
    client,
    assert,
  }) => {
    const { order } = await paidOrder(client, 'cloud', { delivery_method: 'online_install' })
    await Order.query().where('id', order.id).update({ status: 'approved' })
    await order.refresh()
    /* issued and recorded, but the order's transition was never written */
    const first = await issueCloudCertificateForOrder(orderForIssue(order))

    const result = await issueIfCloud(order.id)
    assert.isTrue(result.issued)
    const certificates = await Certificate.query().where('order_no', order.orderNo)
    assert.lengthOf(certificates, 1)
    assert.equal(certificates[0].serial, first.serial)
    await order.refresh()
    assert.equal(order.status, 'completed')
  })
})

test.group('Orders · a retry completes what an earlier version left', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a CA pair issued for the order but never added to 我的证书 (a crash before issue 9) is recorded, not issued again', async ({
    client,
    assert,
  }) => {
    const { order } = await paidOrder(client, 'cloud', { delivery_method: 'online_install' })
    await Order.query().where('id', order.id).update({ status: 'approved' })
    const pair = await issueCloudPair({
      profile: 'personal',
      subject: { name: order.subjectName, idNumber: order.subjectIdNumber! },
      pin: '123456',
      reference: order.orderNo,
    })

    const result = await issueIfCloud(order.id)
    assert.isTrue(result.issued)
    const certificates = await Certificate.query().where('order_no', order.orderNo)
    assert.lengthOf(certificates, 1)
    assert.equal(certificates[0].serial, pair.signing.serial)
    assert.equal(certificates[0].encSerial, pair.encryption.serial)
    assert.equal(certificates[0].credentialId, pair.credentialId)
    assert.lengthOf(await db.from('issued_certificates').where('reference', order.orderNo), 2)
    await order.refresh()
    assert.equal(order.status, 'completed')
  })
})
