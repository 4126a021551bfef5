import { test } from '@japa/runner'
import Order from '#orders/models/order'
import AuditLog from '#core/audit/audit_log'
import { asApplicant } from '#tests/helpers/auth'
import { resetTestState } from '#tests/helpers/setup'
import { makeMaterial, makeProduct, prices } from '#tests/functional/catalog/catalog_helpers'
import { catalogFixture, fillApplication, verifiedApplicant } from './support.js'

/**
 * 首把 uKey 免费: only one order of an applicant gets the free key, even
 * when two drafts were started side by side.
 */
test.group('Orders · the first uKey is free once', () => {
  test('of two drafts started as the first uKey, the second to be submitted pays the list price', async ({
    client,
    assert,
  }) => {
    const { platform } = await catalogFixture()
    const product = await makeProduct({
      platformId: platform.id,
      name: '个人 uKey 证书（首把免费）',
      medium: 'ukey',
      certKind: 'personal',
      firstUkeyFree: true,
      deliveryMethods: ['self_make'],
      validityOptions: prices(30000),
    } as any)
    const material = await makeMaterial(product.id, {
      name: '身份证复印件',
      minSize: 10 * 1024,
      maxSize: 1024 * 1024,
    } as any)
    const user = await verifiedApplicant()

    const first = await fillApplication(client, user, product.id, material.id, {
      delivery_method: 'self_make',
    })
    await resetTestState() /* the SMS code's 60 s cool-down */
    const second = await fillApplication(client, user, product.id, material.id, {
      delivery_method: 'self_make',
    })
    assert.equal(first.amountFen, 0)
    assert.equal(second.amountFen, 0)

    await asApplicant(client.post(`/orders/${first.orderNo}/apply/confirm`), user).withCsrfToken()
    await first.refresh()
    assert.equal(first.status, 'pending_review')
    assert.equal(first.paymentState, 'free')

    const refused = await asApplicant(client.post(`/orders/${second.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      '您已有其他 uKey 证书订单，“首把 uKey 免费”不再适用，订单金额已更新为 ¥300.00，请确认后重新提交'
    )
    await second.refresh()
    assert.equal(second.status, 'draft')
    assert.equal(second.amountFen, 30000)
    assert.isNull(second.priceNote)
    assert.isNotNull(
      await AuditLog.query()
        .where('action', 'orders.order.reprice')
        .where('subject_id', second.orderNo)
        .first()
    )

    const confirm = await asApplicant(client.get(`/orders/${second.orderNo}/apply/confirm`), user)
    assert.include(confirm.text(), '提交后请支付 ¥300.00')

    await asApplicant(client.post(`/orders/${second.orderNo}/apply/confirm`), user).withCsrfToken()
    const submitted = await Order.findOrFail(second.id)
    assert.equal(submitted.status, 'pending_payment')
    assert.equal(submitted.paymentState, 'unpaid')
    assert.equal(submitted.amountFen, 30000)
  })
})

test.group('Orders · what uses up the free first uKey (issue 9 #10)', () => {
  async function freeUkeyProduct(platformId: string) {
    const product = await makeProduct({
      platformId,
      name: '个人 uKey 证书（首把免费）',
      medium: 'ukey',
      certKind: 'personal',
      firstUkeyFree: true,
      deliveryMethods: ['self_make'],
      validityOptions: prices(30000),
    } as any)
    const material = await makeMaterial(product.id, {
      name: '身份证复印件',
      minSize: 10 * 1024,
      maxSize: 1024 * 1024,
    } as any)
    return { product, material }
  }

  test('an earlier cloud order (even completed) does not use up the free uKey', async ({
    client,
    assert,
  }) => {
    const { platform, cloud, cloudMaterial } = await catalogFixture()
    const { product, material } = await freeUkeyProduct(platform.id)
    const user = await verifiedApplicant()
    const cloudOrder = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    await asApplicant(
      client.post(`/orders/${cloudOrder.orderNo}/apply/confirm`),
      user
    ).withCsrfToken()
    await Order.query()
      .where('id', cloudOrder.id)
      .update({ status: 'completed', payment_status: 'paid' })

    await resetTestState()
    const ukey = await fillApplication(client, user, product.id, material.id, {
      delivery_method: 'self_make',
    })
    assert.equal(ukey.amountFen, 0)
    assert.equal(ukey.priceNote, '首把 uKey 免费')
  })

  test('a cancelled uKey order does not use up the free uKey; a submitted one does', async ({
    client,
    assert,
  }) => {
    const { platform } = await catalogFixture()
    const { product, material } = await freeUkeyProduct(platform.id)
    const user = await verifiedApplicant()
    const cancelled = await fillApplication(client, user, product.id, material.id, {
      delivery_method: 'self_make',
    })
    await Order.query().where('id', cancelled.id).update({ status: 'cancelled' })

    await resetTestState()
    const next = await fillApplication(client, user, product.id, material.id, {
      delivery_method: 'self_make',
    })
    assert.equal(next.amountFen, 0)
    await asApplicant(client.post(`/orders/${next.orderNo}/apply/confirm`), user).withCsrfToken()
    await next.refresh()
    assert.equal(next.status, 'pending_review')

    await resetTestState()
    const third = await fillApplication(client, user, product.id, material.id, {
      delivery_method: 'self_make',
    })
    assert.equal(third.amountFen, 30000, 'the submitted uKey order took the free key')
  })
})
