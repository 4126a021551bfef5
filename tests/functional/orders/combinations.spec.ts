import { test } from '@japa/runner'
import Certificate from '#certificates/models/certificate'
import Payment from '#payments/models/payment'
import OrderReview from '#orders/models/order_review'
import { addYears } from '#issuance/queries/renewal'
import { signData } from '#issuance/actions/signing'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff } from '#tests/helpers/factories'
import { eventually } from '#tests/helpers/eventually'
import { ensureCa, openssl } from '#tests/unit/issuance/support'
import { opensslStatus } from '#tests/functional/certificates/support'
import { catalogFixture, payWithSandbox } from '#tests/functional/orders/support'
import { holderOfProduct, walkServiceOrder } from '#tests/functional/orders/service_support'

/**
 * 变更+更新 and 更新+补办 (issue 11): one order, one payment, one review, one
 * new certificate.
 */
async function payAndApprove(client: any, user: any, orderNo: string) {
  await asApplicant(client.post(`/orders/${orderNo}/apply/confirm`), user)
    .withCsrfToken()
    .form({})
  await payWithSandbox(client, user, orderNo)
  const reviewer = await createStaff(['reviewer'])
  await asStaff(client.post(`/admin/orders/${orderNo}/approve`), reviewer).withCsrfToken()
}

test.group('证书组合业务', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('变更+更新: one payment (renewal + change fee), one review, one certificate with the new name and the renewed term', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, {
      days: 20,
    })
    user.realName = '陈一改'
    await user.save()
    const rules = await asApplicant(client.get(`/services/renew/${certificate.id}`), user)
    assert.include(rules.text(), `/services/change_renew/${certificate.id}`)
    const order = await walkServiceOrder(
      client,
      user,
      'change_renew',
      certificate.id,
      fixture.cloudMaterial.id
    )
    assert.equal(order.amountFen, 24000)
    assert.isTrue(order.reviewRequired)
    await payAndApprove(client, user, order.orderNo)
    const made = await eventually(async () => {
      const rows = await Certificate.query().where('order_no', order.orderNo)
      assert.lengthOf(rows, 1)
      return rows[0]
    })
    assert.lengthOf(
      await Payment.query().where('order_no', order.orderNo).where('status', 'paid'),
      1
    )
    assert.lengthOf(await OrderReview.query().where('order_id', order.id), 1)
    const status = await opensslStatus(made.serial)
    const x509 = await openssl([
      'x509',
      '-in',
      status.certFile,
      '-noout',
      '-subject',
      '-enddate',
      '-nameopt',
      'utf8',
    ])
    assert.include(x509.stdout, 'CN=陈一改')
    const end = new Date(/notAfter=(.+)/.exec(x509.stdout)![1])
    assert.equal(
      end.getTime(),
      Math.floor(addYears(certificate.notAfter.toJSDate(), 1).getTime() / 1000) * 1000
    )
    assert.include((await opensslStatus(certificate.serial)).ocsp, 'superseded')
  })

  test('更新+补办 (cloud): new keys under the new PIN with the renewed term, one certificate', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, {
      days: 20,
    })
    const order = await walkServiceOrder(
      client,
      user,
      'renew_reissue',
      certificate.id,
      fixture.cloudMaterial.id
    )
    assert.equal(order.amountFen, 24000)
    await payAndApprove(client, user, order.orderNo)
    const made = await eventually(async () => {
      const rows = await Certificate.query().where('order_no', order.orderNo)
      assert.lengthOf(rows, 1)
      return rows[0]
    })
    assert.notEqual(made.credentialId, certificate.credentialId)
    await signData({
      credentialId: made.credentialId!,
      pin: user.phone.slice(-6),
      data: Buffer.from('x'),
      format: 'pkcs1',
    })
    assert.equal(
      made.notAfter.toUnixInteger(),
      Math.floor(addYears(certificate.notAfter.toJSDate(), 1).getTime() / 1000)
    )
    assert.include((await opensslStatus(certificate.serial)).ocsp, 'superseded')
  })
})
