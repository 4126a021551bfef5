import { test } from '@japa/runner'
import Order from '#orders/models/order'
import OrderMaterial from '#orders/models/order_material'
import Payment from '#payments/models/payment'
import Certificate from '#certificates/models/certificate'
import AuditLog from '#core/audit/audit_log'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeFakeFile, makeImage } from '#tests/helpers/files'
import { ensureCa } from '#tests/unit/issuance/support'
import { makeProduct } from '#tests/functional/catalog/catalog_helpers'
import {
  catalogFixture,
  fillApplication,
  lastCode,
  payWithSandbox,
  verifiedApplicant,
} from './support.js'

async function submitted(client: any, opts: { pay?: boolean } = {}) {
  const fixture = await catalogFixture()
  const user = await verifiedApplicant()
  const order = await fillApplication(client, user, fixture.cloud.id, fixture.cloudMaterial.id)
  await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user).withCsrfToken()
  if (opts.pay) await payWithSandbox(client, user, order.orderNo)
  await order.refresh()
  return { ...fixture, user, order }
}

test.group('Orders · the wizard refuses bad input and keeps the rest', () => {
  test('an unverified applicant is sent to 实名认证 first', async ({ client }) => {
    const user = await createUser()
    const response = await asApplicant(client.get('/apply'), user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/real-name')
    response.assertFlashMessage('info', '申请证书前，请先完成实名认证')
  })

  test('a material of the wrong type or size is refused at its field; the uploaded one and the applicant details stay', async ({
    client,
    assert,
  }) => {
    const { cloud, cloudMaterial } = await catalogFixture()
    const user = await verifiedApplicant()
    const order = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    const before = await OrderMaterial.query().where('order_id', order.id).firstOrFail()

    const wrongType = await asApplicant(
      client.post(`/orders/${order.orderNo}/apply/materials`),
      user
    )
      .withCsrfToken()
      .field('intent', 'upload')
      .file(
        `material_${cloudMaterial.id}`,
        makeFakeFile(
          'id.jpg',
          Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(40 * 1024, 1)])
        )
      )
      .redirects(0)
    wrongType.assertFlashMessage('inputErrorsBag', {
      [`material_${cloudMaterial.id}`]: ['文件格式不正确，仅支持 JPG、PNG 格式'],
    })

    const tooSmall = await asApplicant(
      client.post(`/orders/${order.orderNo}/apply/materials`),
      user
    )
      .withCsrfToken()
      .field('intent', 'upload')
      .file(`material_${cloudMaterial.id}`, await makeImage('jpg', 1024))
      .redirects(0)
    assert.match(
      (tooSmall.flashMessages().inputErrorsBag as any)[`material_${cloudMaterial.id}`][0],
      /^文件大小不能小于 10 KB/
    )

    const tooBig = await asApplicant(client.post(`/orders/${order.orderNo}/apply/materials`), user)
      .withCsrfToken()
      .field('intent', 'upload')
      .file(`material_${cloudMaterial.id}`, await makeImage('png', 1400 * 1024))
      .redirects(0)
    assert.match(
      (tooBig.flashMessages().inputErrorsBag as any)[`material_${cloudMaterial.id}`][0],
      /^文件大小不能超过 1 MB/
    )

    const after = await OrderMaterial.query().where('order_id', order.id)
    assert.lengthOf(after, 1)
    assert.equal(after[0].fileKey, before.fileKey)
    await order.refresh()
    assert.equal(order.handlerName, '陈一')
    assert.equal(order.wizardStep, 'delivery')
    const page = await asApplicant(client.get(`/orders/${order.orderNo}/apply/materials`), user)
    assert.include(page.text(), '已上传')
  })

  test('a wrong SMS code is refused at the code field and the typed details come back', async ({
    client,
    assert,
  }) => {
    const { cloud } = await catalogFixture()
    const user = await verifiedApplicant()
    const start = await asApplicant(client.post('/apply'), user)
      .withCsrfToken()
      .form({ product_id: cloud.id, years: '1' })
      .redirects(0)
    const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location')!)![1]
    await asApplicant(client.post(`/orders/${orderNo}/apply/agreement`), user)
      .withCsrfToken()
      .form({ agree: 'on' })
    const form = {
      handler_name: '王经办',
      handler_phone: '13912345678',
      handler_id_type: 'resident_id',
      handler_id_number: user.realIdNumber!,
    }
    const sent = await asApplicant(client.post(`/orders/${orderNo}/apply/applicant`), user)
      .withCsrfToken()
      .form({ ...form, intent: 'send_code' })
      .redirects(0)
    sent.assertFlashMessage('success', '验证码已发送至 139****5678，5 分钟内有效')
    sent.assertFlashMessage('handler_name', '王经办')
    const code = await lastCode('13912345678')
    const wrong = await asApplicant(client.post(`/orders/${orderNo}/apply/applicant`), user)
      .withCsrfToken()
      .form({ ...form, sms_code: code === '000000' ? '111111' : '000000' })
      .redirects(0)
    wrong.assertFlashMessage('inputErrorsBag', { sms_code: ['验证码错误，还可尝试 4 次'] })
    wrong.assertFlashMessage('handler_name', '王经办')
    const order = await Order.findByOrFail('order_no', orderNo)
    assert.equal(order.wizardStep, 'agreement')
    assert.isNull(order.handlerPhoneVerifiedAt)
  })

  test('steps cannot be skipped, and 返回修改 of the product keeps the other details', async ({
    client,
    assert,
  }) => {
    const { cloud, cloudMaterial, platform } = await catalogFixture()
    const user = await verifiedApplicant()
    const start = await asApplicant(client.post('/apply'), user)
      .withCsrfToken()
      .form({ product_id: cloud.id, years: '1' })
      .redirects(0)
    const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location')!)![1]
    const skip = await asApplicant(client.get(`/orders/${orderNo}/apply/confirm`), user).redirects(
      0
    )
    skip.assertHeader('location', `/orders/${orderNo}/apply/agreement`)

    const order = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    const other = await makeProduct({
      platformId: platform.id,
      name: '个人移动证书（两年）',
      deliveryMethods: ['online_install'],
    } as any)
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/product`), user)
      .withCsrfToken()
      .form({ product_id: other.id, years: '2' })
    await order.refresh()
    assert.equal(order.productId, other.id)
    assert.equal(order.years, 2)
    assert.equal(order.amountFen, 22000)
    assert.equal(order.handlerName, '陈一')
    assert.isNotNull(order.agreedAt)
  })

  test('an enterprise certificate needs the org identity (切换身份) or an organisation account', async ({
    client,
    assert,
  }) => {
    const { platform } = await catalogFixture()
    const enterprise = await makeProduct({
      platformId: platform.id,
      name: '企业 uKey 证书',
      certKind: 'enterprise',
      medium: 'ukey',
      deliveryMethods: ['self_make'],
    } as any)
    const user = await verifiedApplicant()
    const response = await asApplicant(client.post('/apply'), user)
      .withCsrfToken()
      .form({ product_id: enterprise.id, years: '1' })
      .redirects(0)
    assert.include(
      (response.flashMessages().inputErrorsBag as any).product_id[0],
      '单位证书需以机构身份办理：请先在“切换身份”中选择您所在的机构'
    )
    assert.lengthOf(await Order.query().where('user_id', user.id), 0)
  })

  test('a personal account is not offered enterprise products (issue 10)', async ({
    client,
    assert,
  }) => {
    const { platform } = await catalogFixture()
    await makeProduct({
      platformId: platform.id,
      name: '企业 uKey 证书',
      certKind: 'enterprise',
      medium: 'ukey',
      deliveryMethods: ['self_make'],
    } as any)
    const user = await verifiedApplicant()
    const response = await asApplicant(client.get(`/apply/${platform.id}`), user)
    response.assertStatus(200)
    assert.include(response.text(), '个人移动证书')
    assert.notInclude(response.text(), '企业 uKey 证书')
  })
})

test.group('Orders · payments and cancellations', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a forged notification changes nothing', async ({ client, assert }) => {
    const { user, order } = await submitted(client)
    await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: order.orderNo, method: 'sandbox' })
    const payment = await Payment.query().where('order_no', order.orderNo).firstOrFail()
    const gateways = (await import('#payments/gateways')).default
    const genuine = (gateways.get('sandbox') as any).buildNotification({
      outTradeNo: payment.outTradeNo,
      amountFen: 24000,
      success: true,
    })
    const tampered = genuine.body.replace('"amount_fen":24000', '"amount_fen":1')
    const forged = await client
      .post('/payments/notify/sandbox')
      .header('content-type', 'application/json')
      .header('x-sandbox-timestamp', genuine.headers['x-sandbox-timestamp'])
      .header('x-sandbox-nonce', genuine.headers['x-sandbox-nonce'])
      .header('x-sandbox-signature', genuine.headers['x-sandbox-signature'])
      .json(JSON.parse(tampered))
    assert.isAtLeast(forged.status(), 400)
    assert.isNotNull(
      await AuditLog.query().where('action', 'orders.payment.notify_refused').first()
    )
    await payment.refresh()
    assert.equal(payment.status, 'pending')
    await order.refresh()
    assert.equal(order.status, 'pending_payment')
    assert.equal(order.paymentState, 'unpaid')
  })

  test('a repeated notification pays the order once', async ({ client, assert }) => {
    const { user, order } = await submitted(client)
    const { payment, token } = await payWithSandbox(client, user, order.orderNo)
    const again = await client
      .post(`/payments/sandbox/${payment.id}`)
      .withCsrfToken()
      .form({ t: token, outcome: 'success' })
      .redirects(0)
    again.assertFlashMessage('error', '该支付已结束，无需再次操作')
    await order.refresh()
    assert.equal(order.paymentState, 'paid')
    assert.equal(order.status, 'pending_review')
    assert.lengthOf(
      await AuditLog.query().where('action', 'orders.order.pay').where('subject_id', order.orderNo),
      1
    )
    const second = await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: order.orderNo, method: 'sandbox' })
      .redirects(0)
    assert.include(JSON.stringify(second.flashMessages()), '无需重复支付')
    assert.lengthOf(await Payment.query().where('order_no', order.orderNo), 1)
  })

  test('a payment whose amount no longer matches the order is not applied', async ({
    client,
    assert,
  }) => {
    const { user, order } = await submitted(client)
    await asApplicant(client.post('/payments'), user)
      .withCsrfToken()
      .form({ order_no: order.orderNo, method: 'sandbox' })
    await Order.query().where('id', order.id).update({ amount_fen: 30000 })
    const payment = await Payment.query().where('order_no', order.orderNo).firstOrFail()
    const gateways = (await import('#payments/gateways')).default
    const token = (gateways.get('sandbox') as any).cashierToken(payment.id)
    await client
      .post(`/payments/sandbox/${payment.id}`)
      .withCsrfToken()
      .form({ t: token, outcome: 'success' })
    await order.refresh()
    assert.equal(order.status, 'pending_payment')
    assert.equal(order.paymentState, 'unpaid')
    await payment.refresh()
    assert.equal(payment.status, 'refund_due')
  })

  test('cancel before payment works and closes the open payment; after payment it is refused', async ({
    client,
    assert,
  }) => {
    const first = await submitted(client)
    await asApplicant(client.post('/payments'), first.user)
      .withCsrfToken()
      .form({ order_no: first.order.orderNo, method: 'sandbox' })
    const confirmPage = await asApplicant(
      client.get(`/orders/${first.order.orderNo}/cancel`),
      first.user
    )
    assert.include(confirmPage.text(), '确认取消')
    const cancel = await asApplicant(
      client.post(`/orders/${first.order.orderNo}/cancel`),
      first.user
    )
      .withCsrfToken()
      .form({ cancel_reason: '重复申请' })
      .redirects(0)
    cancel.assertFlashMessage('success', '申请已取消')
    await first.order.refresh()
    assert.equal(first.order.status, 'cancelled')
    assert.equal(first.order.cancelReason, '重复申请')
    const closed = await Payment.query().where('order_no', first.order.orderNo).firstOrFail()
    assert.equal(closed.status, 'closed')

    const paid = await submitted(client, { pay: true })
    const refused = await asApplicant(
      client.post(`/orders/${paid.order.orderNo}/cancel`),
      paid.user
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    refused.assertFlashMessage('error', '订单已支付，不能直接取消，请申请退款')
    await paid.order.refresh()
    assert.equal(paid.order.status, 'pending_review')
  })

  test('a reviewer cannot approve an order that has not been paid', async ({ client, assert }) => {
    const { order } = await submitted(client)
    const reviewer = await createStaff(['reviewer'])
    const response = await asStaff(client.post(`/admin/orders/${order.orderNo}/approve`), reviewer)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('error', '只有待审核的订单可以审核通过')
    await order.refresh()
    assert.equal(order.status, 'pending_payment')
    assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 0)
  })

  test('roles: an operator cannot review, a reviewer cannot make, ship or hand over', async ({
    client,
    assert,
  }) => {
    const { order } = await submitted(client, { pay: true })
    const operator = await createStaff(['operator'])
    ;(
      await asStaff(client.post(`/admin/orders/${order.orderNo}/approve`), operator).withCsrfToken()
    ).assertStatus(403)
    ;(await asStaff(client.get('/admin/reviews/orders'), operator)).assertStatus(403)
    const reviewer = await createStaff(['reviewer'])
    ;(
      await asStaff(client.post(`/admin/orders/${order.orderNo}/make`), reviewer)
        .withCsrfToken()
        .form({ csr: 'x'.repeat(200) })
    ).assertStatus(403)
    ;(await asStaff(client.get('/admin/fulfilment/make'), reviewer)).assertStatus(403)
    await order.refresh()
    assert.equal(order.status, 'pending_review')
  })
})

test.group("Orders · one applicant never reaches another's", (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('order, materials, payment, fix, make and certificate URLs answer 404 to another applicant', async ({
    client,
    assert,
  }) => {
    const { user, order, cloudMaterial } = await submitted(client, { pay: true })
    await asStaff(
      client.post(`/admin/orders/${order.orderNo}/approve`),
      await createStaff(['reviewer'])
    ).withCsrfToken()
    const certificate = await Certificate.query().where('order_no', order.orderNo).firstOrFail()
    const payment = await Payment.query().where('order_no', order.orderNo).firstOrFail()
    const stranger = await verifiedApplicant({ name: '路人' } as any)

    for (const url of [
      `/orders/${order.orderNo}`,
      `/orders/${order.orderNo}/materials/${cloudMaterial.id}`,
      `/orders/${order.orderNo}/pay`,
      `/orders/${order.orderNo}/fix`,
      `/orders/${order.orderNo}/make`,
      `/orders/${order.orderNo}/cancel`,
      `/orders/${order.orderNo}/apply/materials`,
      `/payments/${payment.id}`,
      `/certificates/${certificate.id}`,
      `/certificates/${certificate.id}/download/cer`,
      `/certificates/${certificate.id}/pin`,
    ]) {
      const response = await asApplicant(client.get(url), stranger)
      assert.equal(response.status(), 404, url)
    }
    const p12 = await asApplicant(client.post(`/certificates/${certificate.id}/pkcs12`), stranger)
      .withCsrfToken()
      .form({ pin: user.phone.slice(-6) })
    p12.assertStatus(404)
    const cancel = await asApplicant(client.post(`/orders/${order.orderNo}/cancel`), stranger)
      .withCsrfToken()
      .form({})
    cancel.assertStatus(404)

    const mine = await asApplicant(client.get('/orders'), stranger)
    assert.notInclude(mine.text(), order.orderNo)
    const certs = await asApplicant(client.get('/certificates'), stranger)
    assert.notInclude(certs.text(), certificate.serial.toUpperCase())

    const own = await asApplicant(
      client.get(`/orders/${order.orderNo}/materials/${cloudMaterial.id}`),
      user
    )
    own.assertStatus(200)
  })

  test('a visitor is sent to the login page', async ({ client }) => {
    const response = await client.get('/orders').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})

test.group('Orders · catalog items in use', () => {
  test('a product, its material and a pickup point chosen by an order cannot be deleted', async ({
    client,
    assert,
  }) => {
    const { catalogUsage } = await import('#catalog/usage')
    const { cloud, cloudMaterial, ukey, ukeyMaterial, pickupPoint } = await catalogFixture()
    const user = await verifiedApplicant()
    await fillApplication(client, user, cloud.id, cloudMaterial.id)
    assert.equal(await catalogUsage.count('product', cloud.id), 1)
    assert.equal(await catalogUsage.count('material', cloudMaterial.id), 1)
    assert.equal(await catalogUsage.count('product', ukey.id), 0)
    const other = await verifiedApplicant()
    await fillApplication(client, other, ukey.id, ukeyMaterial.id, {
      delivery_method: 'pickup',
      pickup_name: '陈一',
      pickup_phone: other.phone,
      pickup_id_number: other.realIdNumber!,
      pickup_point_id: pickupPoint.id,
    })
    assert.equal(await catalogUsage.count('pickup_point', pickupPoint.id), 1)
  })
})
