import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ensureCa, openssl, opensslCsr } from '#tests/unit/issuance/support'
import { issueCloudPair, issueFromCsr } from '#issuance/actions/issue_certificate'
import { caCrlDer } from '#issuance/queries/ca'
import { createStaff, createUser, residentId, usccCode } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'

async function issue(name = '陈明', idNumber = residentId()) {
  const { csrPem } = await opensslCsr()
  return issueFromCsr({
    csrPem,
    profile: 'personal',
    subject: { name, idNumber },
    reference: '2026112100000000099',
  })
}

async function statusOf(serial: string) {
  return (await db.from('issued_certificates').where('serial', serial).first()).status
}

test.group('Back office · 证书查询 and status changes', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a reviewer finds a certificate by serial, name, ID number and order number', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const idNumber = residentId('19920202')
    const cert = await issue('林晓', idNumber)
    const other = await issueFromCsr({
      csrPem: (await opensslCsr()).csrPem,
      profile: 'enterprise',
      subject: { name: '示例检索科技有限公司', idNumber: usccCode() },
    })
    for (const q of [
      cert.serial.toUpperCase().replace(/(..)(?!$)/g, '$1:'),
      '林晓',
      idNumber,
      '2026112100000000099',
    ]) {
      const page = await asStaff(client.get('/admin/certificates').qs({ q }), reviewer)
      page.assertStatus(200)
      assert.include(page.text(), cert.serial.toUpperCase(), `search "${q}"`)
      assert.notInclude(page.text(), other.serial.toUpperCase(), `search "${q}"`)
    }
    const list = await asStaff(client.get('/admin/certificates').qs({ q: '林晓' }), reviewer)
    assert.include(list.text(), '<span class="badge badge-success">正常</span>')
    assert.notInclude(list.text(), '@!badge')
    const byStatus = await asStaff(
      client.get('/admin/certificates').qs({ q: '林晓', status: 'revoked' }),
      reviewer
    )
    assert.include(byStatus.text(), '没有符合条件的证书')
  })

  test('a search by name or organisation ignores upper and lower case on SQLite and PostgreSQL alike', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const cert = await issueFromCsr({
      csrPem: (await opensslCsr()).csrPem,
      profile: 'enterprise',
      subject: { name: 'Example Bidding Co', idNumber: usccCode() },
    })
    for (const q of ['example bidding', 'EXAMPLE']) {
      const page = await asStaff(client.get('/admin/certificates').qs({ q }), reviewer)
      assert.include(page.text(), cert.serial.toUpperCase(), `search "${q}"`)
    }
  })

  test('a reviewer revokes with a reason: the page, the database, the CRL and the audit log show it', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const cert = await issue()
    const detail = await asStaff(client.get(`/admin/certificates/${cert.serial}`), reviewer)
    detail.assertStatus(200)
    assert.include(detail.text(), '注销证书')
    assert.include(detail.text(), '冻结证书')
    assert.include(detail.text(), cert.subjectDn.split(', ').pop()!)

    const response = await asStaff(
      client.post(`/admin/certificates/${cert.serial}/revoke`),
      reviewer
    )
      .withCsrfToken()
      .form({ revocation_reason: 'keyCompromise', revoke_note: '持有人来电报告 uKey 遗失' })
    response.assertStatus(200)
    assert.include(response.text(), '证书已注销，CRL 与 OCSP 已即时更新')
    assert.include(response.text(), '已注销')
    assert.include(response.text(), '持有人来电报告 uKey 遗失')
    assert.equal(await statusOf(cert.serial), 'revoked')

    const crl = await openssl(
      ['crl', '-inform', 'DER', '-noout', '-text'],
      (await caCrlDer('issuing'))!.der
    )
    assert.include(crl.stdout, cert.serial.toUpperCase())
    const entry = await db
      .from('audit_logs')
      .where('action', 'issuance.certificate.revoke')
      .where('subject_id', cert.serial)
      .first()
    assert.equal(entry.actor_type, 'staff')
    assert.equal(entry.actor_id, reviewer.id)
    assert.equal(JSON.parse(entry.data).note, '持有人来电报告 uKey 遗失')
  })

  test('the reason is required: the form comes back with the message, nothing changes', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const cert = await issue()
    const crlBefore = (await caCrlDer('issuing'))!.crlNumber
    const response = await asStaff(
      client.post(`/admin/certificates/${cert.serial}/revoke`),
      reviewer
    )
      .withCsrfToken()
      .header('referer', `/admin/certificates/${cert.serial}`)
      .form({ revocation_reason: 'keyCompromise', revoke_note: '' })
    assert.include(response.text(), '请填写原因说明')
    assert.equal(await statusOf(cert.serial), 'valid')
    assert.equal((await caCrlDer('issuing'))!.crlNumber, crlBefore)

    const noReason = await asStaff(
      client.post(`/admin/certificates/${cert.serial}/suspend`),
      reviewer
    )
      .withCsrfToken()
      .header('referer', `/admin/certificates/${cert.serial}`)
      .form({ suspend_note: '' })
    assert.include(noReason.text(), '请填写冻结原因')
    assert.equal(await statusOf(cert.serial), 'valid')
  })

  test('a reviewer suspends (冻结) and resumes a cloud certificate: both certificates of the pair follow', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const cloud = await issueCloudPair({
      profile: 'personal',
      subject: { name: '刘云', idNumber: residentId() },
      pin: '802615',
    })
    const frozen = await asStaff(
      client.post(`/admin/certificates/${cloud.signing.serial}/suspend`),
      reviewer
    )
      .withCsrfToken()
      .form({ suspend_note: '持有人手机丢失，申请挂失' })
    assert.include(frozen.text(), '证书已冻结')
    assert.include(frozen.text(), '同一云证书的签名与加密证书一并处理')
    assert.equal(await statusOf(cloud.signing.serial), 'suspended')
    assert.equal(await statusOf(cloud.encryption.serial), 'suspended')
    assert.include(frozen.text(), '解冻证书')

    const resumed = await asStaff(
      client.post(`/admin/certificates/${cloud.signing.serial}/resume`),
      reviewer
    )
      .withCsrfToken()
      .form({ resume_note: '找回手机，核实身份后解冻' })
    assert.include(resumed.text(), '证书已解冻')
    assert.equal(await statusOf(cloud.encryption.serial), 'valid')
    assert.include(resumed.text(), '找回手机，核实身份后解冻')
  })

  test('a second revoke of the same certificate is refused with a message', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const cert = await issue()
    await asStaff(client.post(`/admin/certificates/${cert.serial}/revoke`), reviewer)
      .withCsrfToken()
      .form({ revocation_reason: 'superseded', revoke_note: '已更新' })
    const again = await asStaff(client.post(`/admin/certificates/${cert.serial}/suspend`), reviewer)
      .withCsrfToken()
      .form({ suspend_note: '再冻结' })
    assert.include(again.text(), '证书已注销，不能冻结')
  })

  test('an operator looks certificates up but cannot change them (403)', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    const cert = await issue()
    ;(await asStaff(client.get('/admin/certificates'), operator)).assertStatus(200)
    const detail = await asStaff(client.get(`/admin/certificates/${cert.serial}`), operator)
    detail.assertStatus(200)
    assert.include(detail.text(), '需要审核员权限')
    assert.notInclude(detail.text(), `/admin/certificates/${cert.serial}/revoke`)
    for (const [action, form] of [
      ['revoke', { revocation_reason: 'keyCompromise', revoke_note: '越权注销' }],
      ['suspend', { suspend_note: '越权冻结' }],
    ] as const) {
      const response = await asStaff(
        client.post(`/admin/certificates/${cert.serial}/${action}`),
        operator
      )
        .withCsrfToken()
        .form(form)
      response.assertStatus(403)
    }
    assert.equal(await statusOf(cert.serial), 'valid')
  })

  test('finance staff cannot open certificates at all (403)', async ({ client, assert }) => {
    const finance = await createStaff(['finance'])
    const cert = await issue()
    ;(await asStaff(client.get('/admin/certificates'), finance)).assertStatus(403)
    ;(await asStaff(client.get(`/admin/certificates/${cert.serial}`), finance)).assertStatus(403)
    const post = await asStaff(client.post(`/admin/certificates/${cert.serial}/revoke`), finance)
      .withCsrfToken()
      .form({ revocation_reason: 'keyCompromise', revoke_note: '越权' })
    post.assertStatus(403)
    assert.equal(await statusOf(cert.serial), 'valid')
  })

  test('an applicant is sent to the staff login and changes nothing', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const cert = await issue()
    const page = await asApplicant(
      client.get(`/admin/certificates/${cert.serial}`),
      user
    ).redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', '/admin/login')
    const post = await asApplicant(client.post(`/admin/certificates/${cert.serial}/revoke`), user)
      .withCsrfToken()
      .form({ revocation_reason: 'keyCompromise', revoke_note: '申请人越权' })
      .redirects(0)
    post.assertStatus(302)
    post.assertHeader('location', '/admin/login')
    assert.equal(await statusOf(cert.serial), 'valid')
  })

  test('unknown serials are 404; downloads give the certificate and the chain', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    ;(
      await asStaff(client.get('/admin/certificates/4abcdef0123456789abcdef012345678'), reviewer)
    ).assertStatus(404)
    ;(await asStaff(client.get('/admin/certificates/not-hex'), reviewer)).assertStatus(404)
    const cert = await issue()
    const pem = await asStaff(
      client.get(`/admin/certificates/${cert.serial}/download`).qs({ format: 'pem' }),
      reviewer
    )
    pem.assertStatus(200)
    assert.equal(pem.text(), cert.pem)
    const p7b = await asStaff(
      client.get(`/admin/certificates/${cert.serial}/download`).qs({ format: 'p7b' }),
      reviewer
    )
    p7b.assertStatus(200)
    p7b.assertHeader('content-type', 'application/x-pkcs7-certificates')
  })
})
