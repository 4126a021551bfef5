import { test } from '@japa/runner'
import { runQueuedJobs } from '#core/queue/jobs'
import Order from '#orders/models/order'
import OrderMaterial from '#orders/models/order_material'
import Payment from '#payments/models/payment'
import Certificate from '#certificates/models/certificate'
import Message from '#core/messages/message'
import SmsMessage from '#core/sms/sms_message'
import AuditLog from '#core/audit/audit_log'
import { createStaff } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeImage } from '#tests/helpers/files'
import { bodyBuffer } from '#tests/helpers/binary'
import { chainFiles, ensureCa, openssl, opensslCsr, tempFile } from '#tests/unit/issuance/support'
import { catalogFixture, fillApplication, payWithSandbox, verifiedApplicant } from './support.js'

/**
 * The first certificate, end to end, through HTTP: the wizard, the
 * sandbox gateway, a rejection and resubmission without a second
 * payment, approval, issuance, and OpenSSL checking the result.
 */
async function verifyWithOpenssl(certPem: string) {
  const files = await chainFiles()
  const cert = tempFile('cert.pem', certPem)
  return openssl(['verify', '-CAfile', files.root, '-untrusted', files.issuing, cert])
}

test.group('Order journey · cloud certificate', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('apply, pay, get rejected, complete the materials, resubmit without paying again, get the certificate', async ({
    client,
    assert,
  }) => {
    const { cloud, cloudMaterial, platform } = await catalogFixture()
    const user = await verifiedApplicant()

    const platforms = await asApplicant(client.get('/apply'), user)
    assert.include(platforms.text(), platform.name)
    const products = await asApplicant(client.get(`/apply/${platform.id}`), user)
    assert.include(products.text(), '个人移动证书')
    assert.include(products.text(), '¥240.00')

    const draft = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    assert.equal(draft.status, 'draft')
    assert.equal(draft.wizardStep, 'delivery')
    assert.equal(draft.amountFen, 24000)
    assert.equal(draft.subjectName, '陈一')

    const confirm = await asApplicant(client.get(`/orders/${draft.orderNo}/apply/confirm`), user)
    assert.include(confirm.text(), '个人移动证书')
    assert.include(confirm.text(), '身份证复印件')
    assert.include(confirm.text(), '自助（在线安装）')

    const submit = await asApplicant(client.post(`/orders/${draft.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .redirects(0)
    submit.assertHeader('location', `/orders/${draft.orderNo}/pay`)
    await draft.refresh()
    assert.equal(draft.status, 'pending_payment')

    const payPage = await asApplicant(client.get(`/orders/${draft.orderNo}/pay`), user)
    assert.include(payPage.text(), '沙箱支付')

    const { payment } = await payWithSandbox(client, user, draft.orderNo)
    await draft.refresh()
    assert.equal(draft.status, 'pending_review')
    assert.equal(draft.paymentState, 'paid')
    assert.equal(draft.paymentId, payment.id)

    const reviewer = await createStaff(['reviewer'])
    const queue = await asStaff(client.get('/admin/reviews/orders'), reviewer)
    assert.include(queue.text(), draft.orderNo)
    const detail = await asStaff(client.get(`/admin/orders/${draft.orderNo}`), reviewer)
    assert.include(detail.text(), '资料预览')
    assert.include(detail.text(), '陈一')
    const material = await OrderMaterial.query().where('order_id', draft.id).firstOrFail()
    const preview = await asStaff(
      client.get(`/admin/orders/${draft.orderNo}/materials/${material.materialId}`),
      reviewer
    )
    preview.assertStatus(200)
    preview.assertHeader('content-type', 'image/jpeg')

    const reject = await asStaff(client.post(`/admin/orders/${draft.orderNo}/reject`), reviewer)
      .withCsrfToken()
      .form({ reason_type: 'unclear', reason: '身份证复印件模糊，请重新扫描上传' })
      .redirects(0)
    reject.assertStatus(302)
    await draft.refresh()
    assert.equal(draft.status, 'rejected')
    assert.equal(draft.paymentState, 'paid')
    const rejectSms = await SmsMessage.query()
      .where('phone', user.phone)
      .where('purpose', 'orders.review.result')
      .firstOrFail()
    assert.include(rejectSms.content, '身份证复印件模糊')
    assert.include(rejectSms.content, '无需再次支付')

    const orderPage = await asApplicant(client.get(`/orders/${draft.orderNo}`), user)
    assert.include(orderPage.text(), '审核未通过')
    assert.include(orderPage.text(), '资料不清晰：身份证复印件模糊，请重新扫描上传')
    assert.include(orderPage.text(), '完善资料')

    const fix = await asApplicant(client.get(`/orders/${draft.orderNo}/fix`), user)
    assert.include(fix.text(), '重新提交')
    const upload = await asApplicant(client.post(`/orders/${draft.orderNo}/apply/materials`), user)
      .withCsrfToken()
      .field('intent', 'next')
      .file(`material_${cloudMaterial.id}`, await makeImage('png', 60 * 1024))
      .redirects(0)
    upload.assertHeader('location', `/orders/${draft.orderNo}/fix`)
    const replaced = await OrderMaterial.query().where('order_id', draft.id).firstOrFail()
    assert.equal(replaced.fileType, 'png')

    const resubmit = await asApplicant(client.post(`/orders/${draft.orderNo}/resubmit`), user)
      .withCsrfToken()
      .redirects(0)
    resubmit.assertFlashMessage('success', '已重新提交审核，无需再次支付')
    await draft.refresh()
    assert.equal(draft.status, 'pending_review')
    assert.equal(draft.paymentState, 'paid')
    assert.lengthOf(await Payment.query().where('order_no', draft.orderNo), 1)

    const approve = await asStaff(client.post(`/admin/orders/${draft.orderNo}/approve`), reviewer)
      .withCsrfToken()
      .redirects(0)
    approve.assertFlashMessage('success', '审核通过，证书已签发，申请人已收到通知')
    await draft.refresh()
    assert.equal(draft.status, 'completed')
    assert.equal(draft.reviewCount, 2)

    const certificate = await Certificate.query().where('order_no', draft.orderNo).firstOrFail()
    assert.equal(certificate.userId, user.id)
    assert.equal(certificate.medium, 'cloud')
    assert.isNotNull(certificate.encSerial)
    assert.isNotNull(certificate.credentialId)

    const myCerts = await asApplicant(client.get('/certificates'), user)
    assert.include(myCerts.text(), '个人移动证书')
    assert.include(myCerts.text(), '正常')
    const show = await asApplicant(client.get(`/certificates/${certificate.id}`), user)
    assert.include(show.text(), '默认 PIN 码')

    const pem = await asApplicant(client.get(`/certificates/${certificate.id}/download/pem`), user)
    pem.assertStatus(200)
    const verified = await verifyWithOpenssl(pem.text())
    assert.equal(verified.code, 0, verified.stderr)
    assert.include(verified.stdout, ': OK')

    const subject = await openssl(
      ['x509', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'],
      pem.text()
    )
    assert.include(subject.stdout, '陈一')

    const p7b = await asApplicant(client.get(`/certificates/${certificate.id}/download/p7b`), user)
    p7b.assertStatus(200)
    const certs = await openssl(
      ['pkcs7', '-inform', 'DER', '-print_certs', '-noout'],
      bodyBuffer(p7b)
    )
    assert.equal(certs.code, 0, certs.stderr)

    const pin = user.phone.slice(-6)
    const exportPassword = 'my-p12-Passw0rd'
    const p12 = await asApplicant(client.post(`/certificates/${certificate.id}/pkcs12`), user)
      .withCsrfToken()
      .form({
        pin,
        export_password: exportPassword,
        export_password_confirmation: exportPassword,
        usage: 'sign',
      })
    p12.assertStatus(200)
    p12.assertHeader('content-type', 'application/x-pkcs12')
    const p12Info = await openssl([
      'pkcs12',
      '-info',
      '-nokeys',
      '-passin',
      `pass:${exportPassword}`,
      '-in',
      tempFile('cert.p12', bodyBuffer(p12)),
    ])
    assert.equal(p12Info.code, 0, p12Info.stderr)
    assert.include(p12Info.stdout, 'BEGIN CERTIFICATE')
    const wrongPin = await asApplicant(client.post(`/certificates/${certificate.id}/pkcs12`), user)
      .withCsrfToken()
      .form({
        pin: pin === '000000' ? '111111' : '000000',
        export_password: exportPassword,
        export_password_confirmation: exportPassword,
        usage: 'sign',
      })
      .redirects(0)
    wrongPin.assertStatus(302)
    assert.match((wrongPin.flashMessages().inputErrorsBag as any).pin[0], /PIN/)

    const approvedMessage = await Message.query()
      .where('user_id', user.id)
      .where('title', '证书已签发')
      .first()
    assert.isNotNull(approvedMessage)
    const actions = (
      await AuditLog.query().where('subject_type', 'order').where('subject_id', draft.orderNo)
    ).map((e) => e.action)
    for (const action of [
      'orders.order.create',
      'orders.order.submit',
      'orders.order.pay',
      'orders.order.reject',
      'orders.order.resubmit',
      'orders.order.approve',
      'orders.order.issue',
    ]) {
      assert.include(actions, action)
    }
  })

  test('a product reviewed before payment: 资料审核通过 → 待支付, then paid and issued', async ({
    client,
    assert,
  }) => {
    const { cloud, cloudMaterial } = await catalogFixture({ reviewMode: 'before_payment' })
    const user = await verifiedApplicant()
    const draft = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    await asApplicant(client.post(`/orders/${draft.orderNo}/apply/confirm`), user).withCsrfToken()
    await draft.refresh()
    assert.equal(draft.status, 'pending_review')
    assert.equal(draft.paymentState, 'unpaid')

    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/orders/${draft.orderNo}/approve`), reviewer).withCsrfToken()
    await draft.refresh()
    assert.equal(draft.status, 'pending_payment')
    assert.equal(draft.statusLabel, '资料审核通过，待支付')

    await payWithSandbox(client, user, draft.orderNo)
    await draft.refresh()
    assert.equal(draft.paymentState, 'paid')
    assert.equal(draft.status, 'approved')
    /* the payment enqueued the issuance: the job runner issues it */
    assert.equal(await runQueuedJobs(), 1)
    await draft.refresh()
    assert.equal(draft.status, 'completed')
    assert.isNotNull(await Certificate.query().where('order_no', draft.orderNo).first())
  })
})

test.group('Order journey · uKey certificate', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test("self-service 制证 with a CSR made by openssl req; the subject is the order's", async ({
    client,
    assert,
  }) => {
    const { ukey, ukeyMaterial } = await catalogFixture()
    const user = await verifiedApplicant()
    const draft = await fillApplication(client, user, ukey.id, ukeyMaterial.id, {
      delivery_method: 'self_make',
    })
    await asApplicant(client.post(`/orders/${draft.orderNo}/apply/confirm`), user).withCsrfToken()
    await payWithSandbox(client, user, draft.orderNo)
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/orders/${draft.orderNo}/approve`), reviewer).withCsrfToken()
    await draft.refresh()
    assert.equal(draft.status, 'approved')
    assert.equal(draft.statusLabel, '审核通过，待制证')

    const list = await asApplicant(client.get('/orders'), user)
    assert.include(list.text(), `/orders/${draft.orderNo}/make`)

    const weak = await opensslCsr(1024)
    const refused = await asApplicant(client.post(`/orders/${draft.orderNo}/make`), user)
      .withCsrfToken()
      .form({ csr: weak.csrPem })
      .redirects(0)
    assert.match((refused.flashMessages().inputErrorsBag as any).csr[0], /2048/)
    await draft.refresh()
    assert.equal(draft.status, 'approved')

    const { csrPem } = await opensslCsr(2048, '/CN=Somebody Else/serialNumber=000')
    const made = await asApplicant(client.post(`/orders/${draft.orderNo}/make`), user)
      .withCsrfToken()
      .form({ csr: csrPem })
      .redirects(0)
    made.assertFlashMessage('success', '制证成功：证书已签发，请下载证书和证书链写入 uKey')
    await draft.refresh()
    assert.equal(draft.status, 'completed')

    const certificate = await Certificate.query().where('order_no', draft.orderNo).firstOrFail()
    assert.equal(certificate.medium, 'ukey')
    assert.isNull(certificate.credentialId)
    const pem = await asApplicant(client.get(`/certificates/${certificate.id}/download/pem`), user)
    const verified = await verifyWithOpenssl(pem.text())
    assert.equal(verified.code, 0, verified.stderr)
    const subject = await openssl(
      ['x509', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'],
      pem.text()
    )
    assert.include(subject.stdout, '陈一')
    assert.notInclude(subject.stdout, 'Somebody Else')
  })

  test("mailed uKey: the operator makes it from the key's CSR, ships it, the applicant signs for it", async ({
    client,
    assert,
  }) => {
    const { ukey, ukeyMaterial } = await catalogFixture()
    const user = await verifiedApplicant()
    const draft = await fillApplication(client, user, ukey.id, ukeyMaterial.id, {
      delivery_method: 'mail_cod',
      receiver: '陈一',
      receiver_phone: user.phone,
      region_code: '110105',
      address: '示例路 8 号示例大厦 12 层',
      save_address: 'true',
    })
    assert.equal(draft.deliveryMethod, 'mail_cod')
    assert.equal(draft.delivery?.address, '示例路 8 号示例大厦 12 层')
    await asApplicant(client.post(`/orders/${draft.orderNo}/apply/confirm`), user).withCsrfToken()
    await payWithSandbox(client, user, draft.orderNo)
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/orders/${draft.orderNo}/approve`), reviewer).withCsrfToken()

    const operator = await createStaff(['operator'])
    const makeQueue = await asStaff(client.get('/admin/fulfilment/make'), operator)
    assert.include(makeQueue.text(), draft.orderNo)
    const { csrPem } = await opensslCsr(2048)
    await asStaff(client.post(`/admin/orders/${draft.orderNo}/make`), operator)
      .withCsrfToken()
      .form({ csr: csrPem })
    await draft.refresh()
    assert.equal(draft.status, 'awaiting_shipment')

    const badTracking = await asStaff(client.post(`/admin/orders/${draft.orderNo}/ship`), operator)
      .withCsrfToken()
      .form({ courier: '顺丰速运', tracking_no: '单号' })
      .redirects(0)
    badTracking.assertFlashMessage('inputErrorsBag', { tracking_no: ['快递单号格式不正确'] })
    await asStaff(client.post(`/admin/orders/${draft.orderNo}/ship`), operator)
      .withCsrfToken()
      .form({ courier: '顺丰速运', tracking_no: 'SF1234567890' })
    await draft.refresh()
    assert.equal(draft.status, 'shipped')
    assert.equal(draft.trackingNo, 'SF1234567890')

    const page = await asApplicant(client.get(`/orders/${draft.orderNo}`), user)
    assert.include(page.text(), 'SF1234567890')
    await asApplicant(client.post(`/orders/${draft.orderNo}/receive`), user).withCsrfToken()
    await draft.refresh()
    assert.equal(draft.status, 'completed')
    assert.isNotNull(draft.receivedAt)
  })

  test('self-pickup: handed over only to the ID registered in the order', async ({
    client,
    assert,
  }) => {
    const { ukey, ukeyMaterial, pickupPoint } = await catalogFixture()
    const user = await verifiedApplicant()
    const draft = await fillApplication(client, user, ukey.id, ukeyMaterial.id, {
      delivery_method: 'pickup',
      pickup_name: '陈一',
      pickup_phone: user.phone,
      pickup_id_number: user.realIdNumber!,
      pickup_point_id: pickupPoint.id,
    })
    await asApplicant(client.post(`/orders/${draft.orderNo}/apply/confirm`), user).withCsrfToken()
    await payWithSandbox(client, user, draft.orderNo)
    await asStaff(
      client.post(`/admin/orders/${draft.orderNo}/approve`),
      await createStaff(['reviewer'])
    ).withCsrfToken()
    const operator = await createStaff(['operator'])
    const { csrPem } = await opensslCsr(2048)
    await asStaff(client.post(`/admin/orders/${draft.orderNo}/make`), operator)
      .withCsrfToken()
      .form({ csr: csrPem })
    await draft.refresh()
    assert.equal(draft.status, 'awaiting_pickup')
    assert.equal(draft.statusLabel, '未领取')

    const wrong = await asStaff(client.post(`/admin/orders/${draft.orderNo}/hand-over`), operator)
      .withCsrfToken()
      .form({ shown_id_number: '110105199001011234' })
      .redirects(0)
    wrong.assertFlashMessage('inputErrorsBag', {
      shown_id_number: ['取证人身份证号与订单登记的不一致，不能交付'],
    })
    await draft.refresh()
    assert.equal(draft.status, 'awaiting_pickup')

    await asStaff(client.post(`/admin/orders/${draft.orderNo}/hand-over`), operator)
      .withCsrfToken()
      .form({ shown_id_number: user.realIdNumber! })
    await draft.refresh()
    assert.equal(draft.status, 'completed')
  })
})

export { Order }
