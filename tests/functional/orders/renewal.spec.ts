import { runQueuedJobs } from '#core/queue/jobs'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#core/audit/audit_log'
import { test } from '@japa/runner'
import Order from '#orders/models/order'
import Certificate from '#certificates/models/certificate'
import { addYears } from '#issuance/queries/renewal'
import { formatDate } from '#core/time'
import { asApplicant } from '#tests/helpers/auth'
import { eventually } from '#tests/helpers/eventually'
import { ensureCa, openssl } from '#tests/unit/issuance/support'
import { opensslStatus } from '#tests/functional/certificates/support'
import { catalogFixture, payWithSandbox, verifiedApplicant } from '#tests/functional/orders/support'
import {
  holderOfProduct,
  holderWithServiceOrder,
  walkServiceOrder,
} from '#tests/functional/orders/service_support'

const DAY = 86_400_000

function opensslDate(text: string, field: 'notBefore' | 'notAfter') {
  return new Date(new RegExp(`${field}=(.+)`).exec(text)![1])
}

/**
 * 更新 (renewal) through the order state machine (issue 11): pick the
 * certificate → rules → details → materials → confirm (new validity shown
 * before paying) → pay → (personal: no review) → the renewed certificate,
 * checked with OpenSSL; the old one superseded in the CRL and by OCSP.
 */
test.group('证书更新 · a person’s renewal', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('in the window: the new validity is shown before paying; payment completes it; OpenSSL sees the new term and the old certificate revoked', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, {
      days: 30,
    })
    const list = await asApplicant(client.get('/certificates'), user)
    assert.include(list.text(), `href="/services/renew/${certificate.id}"`)

    const home = await asApplicant(client.get('/'), user)
    assert.include(home.text(), '证书即将到期')
    assert.include(home.text(), `href="/services/renew/${certificate.id}">续期</a>`)
    const rules = await asApplicant(client.get(`/services/renew/${certificate.id}`), user)
    rules.assertStatus(200)
    assert.include(rules.text(), '到期前 90 天内可办理更新')
    assert.include(rules.text(), '尚未开标')
    const expectedEnd = addYears(certificate.notAfter.toJSDate(), 1)
    assert.include(rules.text(), formatDate(expectedEnd))

    const noWarning = await asApplicant(client.post(`/services/renew/${certificate.id}`), user)
      .withCsrfToken()
      .form({ years: '1' })
      .redirects(0)
    noWarning.assertFlashMessage('inputErrorsBag', {
      bid_warning: ['请确认没有尚未开标的投标文件'],
    })

    const order = await walkServiceOrder(
      client,
      user,
      'renew',
      certificate.id,
      fixture.cloudMaterial.id
    )
    assert.equal(order.serviceType, 'renew')
    assert.equal(order.amountFen, 24000)
    assert.isFalse(order.reviewRequired)

    const confirm = await asApplicant(client.get(`/orders/${order.orderNo}/apply/confirm`), user)
    confirm.assertStatus(200)
    assert.include(confirm.text(), '新有效期')
    assert.include(confirm.text(), formatDate(expectedEnd))
    assert.include(confirm.text(), '支付完成即办结')

    await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .form({})
    await order.refresh()
    assert.equal(order.status, 'pending_payment')
    await payWithSandbox(client, user, order.orderNo)
    /* the payment approved the order and enqueued its issuance: the job runner issues it */
    await runQueuedJobs()

    const renewed = await eventually(async () => {
      await order.refresh()
      assert.equal(order.status, 'completed')
      return Certificate.query().where('order_no', order.orderNo).firstOrFail()
    })
    assert.equal(renewed.replacesId, certificate.id)
    assert.equal(renewed.serviceType, 'renew')

    const fresh = await opensslStatus(renewed.serial)
    assert.include(fresh.ocsp, ': good')
    assert.equal(
      opensslDate(fresh.x509, 'notAfter').getTime(),
      Math.floor(expectedEnd.getTime() / 1000) * 1000
    )
    assert.isBelow(Math.abs(opensslDate(fresh.x509, 'notBefore').getTime() - Date.now()), 120_000)

    const old = await opensslStatus(certificate.serial)
    assert.include(old.ocsp, ': revoked')
    assert.include(old.ocsp, 'superseded')
    assert.include(old.crl, `Serial Number: ${certificate.serial.toUpperCase()}`)
    assert.include(old.crl, 'Superseded')

    const page = await asApplicant(client.get(`/certificates/${renewed.id}`), user)
    assert.include(page.text(), '正常')
  })

  test('an expired certificate (≤ 365 days): the new term runs from issuance', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, {
      notAfter: new Date(Date.now() - 100 * DAY),
    })
    const order = await walkServiceOrder(
      client,
      user,
      'renew',
      certificate.id,
      fixture.cloudMaterial.id,
      { years: 2 }
    )
    assert.equal(order.amountFen, 40000)
    const confirm = await asApplicant(client.get(`/orders/${order.orderNo}/apply/confirm`), user)
    assert.include(confirm.text(), '证书已过期，自签发之日起算 2 年')
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .form({})
    await payWithSandbox(client, user, order.orderNo)
    /* the payment approved the order and enqueued its issuance: the job runner issues it */
    await runQueuedJobs()
    const renewed = await eventually(() =>
      Certificate.query().where('order_no', order.orderNo).firstOrFail()
    )
    const x509 = await openssl([
      'x509',
      '-noout',
      '-dates',
      '-in',
      (await opensslStatus(renewed.serial)).certFile,
    ])
    const notAfter = opensslDate(x509.stdout, 'notAfter')
    const expected = addYears(new Date(), 2)
    assert.isBelow(Math.abs(notAfter.getTime() - expected.getTime()), 120_000)
  })

  test('refusals: outside the window, more than 365 days expired, revoked, another holder’s (404), a second open renewal', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const early = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, { days: 200 })
    const tooEarly = await asApplicant(
      client.post(`/services/renew/${early.certificate.id}`),
      early.user
    )
      .withCsrfToken()
      .form({ bid_warning: '1' })
      .redirects(0)
    assert.include(JSON.stringify(tooEarly.flashMessages()), '才能办理更新')

    const late = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, {
      notAfter: new Date(Date.now() - 366 * DAY - 3_600_000),
    })
    const rules = await asApplicant(client.get(`/services/renew/${late.certificate.id}`), late.user)
    assert.include(rules.text(), '超过 365 天不能更新，请重新申请（新办）')
    const tooLate = await asApplicant(
      client.post(`/services/renew/${late.certificate.id}`),
      late.user
    )
      .withCsrfToken()
      .form({ bid_warning: '1' })
      .redirects(0)
    assert.include(JSON.stringify(tooLate.flashMessages()), '超过 365 天不能更新')

    const holder = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, { days: 30 })
    const stranger = await verifiedApplicant()
    const notMine = await asApplicant(
      client.get(`/services/renew/${holder.certificate.id}`),
      stranger
    )
    notMine.assertStatus(404)
    const notMinePost = await asApplicant(
      client.post(`/services/renew/${holder.certificate.id}`),
      stranger
    )
      .withCsrfToken()
      .form({ bid_warning: '1' })
    notMinePost.assertStatus(404)

    const first = await walkServiceOrder(
      client,
      holder.user,
      'renew',
      holder.certificate.id,
      fixture.cloudMaterial.id
    )
    const second = await asApplicant(
      client.post(`/services/renew/${holder.certificate.id}`),
      holder.user
    )
      .withCsrfToken()
      .form({ bid_warning: '1' })
      .redirects(0)
    assert.include(JSON.stringify(second.flashMessages()), first.orderNo)
    const orders = await Order.query().where('certificate_id', holder.certificate.id)
    assert.lengthOf(orders, 1)
    const list = await asApplicant(client.get('/certificates'), holder.user)
    assert.include(list.text(), `有办理中的更新订单（订单号 ${first.orderNo}）`)

    const revoked = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id, { days: 30 })
    await asApplicant(client.post(`/certificates/${revoked.certificate.id}/revoke`), revoked.user)
      .withCsrfToken()
      .form({ confirm: '1' })
    const refused = await asApplicant(
      client.post(`/services/renew/${revoked.certificate.id}`),
      revoked.user
    )
      .withCsrfToken()
      .form({ bid_warning: '1' })
      .redirects(0)
    assert.include(JSON.stringify(refused.flashMessages()), '证书已注销，不能续期')
  })

  test('a free renewal that needs no review (renewal price 0): submitted → issued at once, never 待审核', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    fixture.cloud.spec = { ...fixture.cloud.spec, services: { renewalPrices: { '1': 0 } } }
    await fixture.cloud.save()
    const { user, certificate, order } = await holderWithServiceOrder(
      client,
      fixture.cloud,
      fixture.cloudMaterial.id,
      'renew'
    )
    assert.equal(order.amountFen, 0)
    assert.isFalse(order.reviewRequired)
    const confirm = await asApplicant(client.get(`/orders/${order.orderNo}/apply/confirm`), user)
    assert.include(confirm.text(), '本订单免费且无需审核，提交后立即办理。')
    assert.include(confirm.text(), '免费且无需审核，提交即办结')

    const submitted = await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.equal(submitted.header('location'), `/orders/${order.orderNo}/done`)
    await order.refresh()
    assert.equal(order.status, 'completed')
    assert.equal(order.paymentState, 'free')
    const statuses = (await AuditLog.query().where('subject_id', order.orderNo))
      .map((entry) => entry.details?.to)
      .filter(Boolean)
    assert.notInclude(statuses, 'pending_review')
    const renewed = await Certificate.query().where('order_no', order.orderNo).firstOrFail()
    assert.equal(renewed.replacesId, certificate.id)
    const done = await asApplicant(client.get(`/orders/${order.orderNo}/done`), user)
    assert.include(done.text(), '已办理完成')

    /* the job enqueued with the submission finds the order issued */
    await runQueuedJobs()
    assert.lengthOf(await Certificate.query().where('order_no', order.orderNo), 1)
    assert.lengthOf(await db.from('issued_certificates').where('reference', order.orderNo), 2)
  })
})
