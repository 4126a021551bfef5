import { test } from '@japa/runner'
import Certificate from '#certificates/models/certificate'
import { signData } from '#issuance/actions/signing'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff, uniquePhone } from '#tests/helpers/factories'
import { eventually } from '#tests/helpers/eventually'
import { ensureCa, opensslCsr, openssl } from '#tests/unit/issuance/support'
import { opensslStatus } from '#tests/functional/certificates/support'
import { catalogFixture, lastCode, payWithSandbox } from '#tests/functional/orders/support'
import { holderOfProduct, walkServiceOrder } from '#tests/functional/orders/service_support'

/**
 * 丢失补办 and 变更 for a person (issue 11): one order each through the
 * wizard, paid (the medium fee), reviewed, issued by the CA's primitives;
 * the old certificate revoked when the new one is issued (OpenSSL: CRL and
 * OCSP), the changed subject in the new certificate.
 */
test.group('证书补办与变更 · a person', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('cloud 补办 to a new phone: free by default, reviewed, new keys under the new phone’s PIN; the old pair superseded', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id)
    const rules = await asApplicant(client.get(`/services/reissue/${certificate.id}`), user)
    assert.include(rules.text(), '绑定新手机号')
    const order = await walkServiceOrder(
      client,
      user,
      'reissue',
      certificate.id,
      fixture.cloudMaterial.id
    )
    // the new phone: the handler step again, with its own SMS code
    const newPhone = uniquePhone()
    const handler = {
      handler_name: user.realName!,
      handler_phone: newPhone,
      handler_id_type: 'resident_id',
      handler_id_number: user.realIdNumber!,
    }
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/applicant`), user)
      .withCsrfToken()
      .form({ ...handler, intent: 'send_code' })
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/applicant`), user)
      .withCsrfToken()
      .form({ ...handler, sms_code: await lastCode(newPhone) })
    await order.refresh()
    assert.equal(order.handlerPhone, newPhone)
    assert.equal(order.amountFen, 0)
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .form({})
    await order.refresh()
    assert.equal(order.status, 'pending_review')

    const reviewer = await createStaff(['reviewer'])
    const detail = await asStaff(client.get(`/admin/orders/${order.orderNo}`), reviewer)
    assert.include(detail.text(), '丢失补办')
    assert.include(detail.text(), certificate.serial.toUpperCase())
    await asStaff(client.post(`/admin/orders/${order.orderNo}/approve`), reviewer).withCsrfToken()
    const fresh = await eventually(async () => {
      await order.refresh()
      assert.equal(order.status, 'completed')
      return Certificate.query().where('order_no', order.orderNo).firstOrFail()
    })
    assert.notEqual(fresh.credentialId, certificate.credentialId)
    const signed = await signData({
      credentialId: fresh.credentialId!,
      pin: newPhone.slice(-6),
      data: Buffer.from('bid'),
      format: 'pkcs1',
    })
    assert.isAbove(signed.signature.length, 0)
    const old = await opensslStatus(certificate.serial)
    assert.include(old.ocsp, ': revoked')
    assert.include(old.ocsp, 'superseded')
    assert.include(old.crl, certificate.serial.toUpperCase())
    assert.include((await opensslStatus(fresh.serial)).ocsp, ': good')
    // the same expiry as the old certificate
    assert.equal(fresh.notAfter.toUnixInteger(), certificate.notAfter.toUnixInteger())
  })

  test('uKey 补办: the medium fee is paid, the review passes, the applicant makes the new key (CSR); the old key superseded', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.ukey, fixture.ukeyMaterial.id)
    const order = await walkServiceOrder(
      client,
      user,
      'reissue',
      certificate.id,
      fixture.ukeyMaterial.id,
      {
        delivery: { delivery_method: 'self_make' },
      }
    )
    assert.equal(order.amountFen, 10000)
    assert.include(order.priceNote ?? '', '介质费')
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .form({})
    await payWithSandbox(client, user, order.orderNo)
    await order.refresh()
    assert.equal(order.status, 'pending_review')
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/orders/${order.orderNo}/approve`), reviewer).withCsrfToken()
    await order.refresh()
    assert.equal(order.status, 'approved')
    const csr = await opensslCsr()
    await asApplicant(client.post(`/orders/${order.orderNo}/make`), user)
      .withCsrfToken()
      .form({ csr: csr.csrPem })
    await order.refresh()
    assert.equal(order.status, 'completed')
    const fresh = await Certificate.query().where('order_no', order.orderNo).firstOrFail()
    const status = await opensslStatus(fresh.serial)
    // the new certificate carries the new key
    const pub = await openssl(['pkey', '-in', csr.keyPath, '-pubout'])
    const certPub = await openssl(['x509', '-in', status.certFile, '-noout', '-pubkey'])
    assert.equal(certPub.stdout.trim(), pub.stdout.trim())
    const old = await opensslStatus(certificate.serial)
    assert.include(old.ocsp, 'superseded')
  })

  test('变更 after the verified name changed: the new certificate carries the new name; the old one revoked (affiliationChanged)', async ({
    client,
    assert,
  }) => {
    const fixture = await catalogFixture()
    const { user, certificate } = await holderOfProduct(fixture.cloud, fixture.cloudMaterial.id)
    const same = await asApplicant(client.post(`/services/change/${certificate.id}`), user)
      .withCsrfToken()
      .form({ bid_warning: '1' })
      .redirects(0)
    assert.include(JSON.stringify(same.flashMessages()), '无需变更')

    user.realName = '陈一新'
    await user.save()
    const order = await walkServiceOrder(
      client,
      user,
      'change',
      certificate.id,
      fixture.cloudMaterial.id
    )
    assert.equal(order.subjectName, '陈一新')
    const confirm = await asApplicant(client.get(`/orders/${order.orderNo}/apply/confirm`), user)
    assert.include(confirm.text(), '变更后主体')
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user)
      .withCsrfToken()
      .form({})
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/orders/${order.orderNo}/approve`), reviewer).withCsrfToken()
    const fresh = await eventually(() =>
      Certificate.query().where('order_no', order.orderNo).firstOrFail()
    )
    assert.equal(fresh.subjectName, '陈一新')
    const status = await opensslStatus(fresh.serial)
    const subject = await openssl([
      'x509',
      '-in',
      status.certFile,
      '-noout',
      '-subject',
      '-nameopt',
      'utf8',
    ])
    assert.include(subject.stdout, 'CN=陈一新')
    const old = await opensslStatus(certificate.serial)
    assert.include(old.ocsp, 'affiliationChanged')
    assert.include(old.crl, certificate.serial.toUpperCase())
  })
})
