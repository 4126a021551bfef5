import { test } from '@japa/runner'
import { asApplicant } from '#tests/helpers/auth'
import { createUser } from '#tests/helpers/factories'
import { ensureCa } from '#tests/unit/issuance/support'
import { holderWith, opensslStatus } from '#tests/functional/certificates/support'
import AuditLog from '#core/audit/audit_log'

/**
 * 我的证书's services without an order (issue 11): every action a status
 * allows, disabled with the reason; 注销 by the holder with its two
 * warnings, free and immediate (OpenSSL sees it in the CRL and by OCSP);
 * 冻结/解冻 by the holder.
 */
test.group('我的证书 · actions, 注销, 冻结/解冻 by the holder', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('我的证书 lists each action; those the status does not allow are disabled with the reason', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holderWith()
    const page = await asApplicant(client.get('/certificates'), user)
    page.assertStatus(200)
    const html = page.text()
    for (const label of ['续期', '变更', '补办', '解锁', '注销', '冻结', '授权', '解绑'])
      assert.include(html, `>${label}</`)
    assert.include(html, `href="/certificates/${certificate.id}/revoke"`)
    assert.include(html, '个人证书仅限本人使用，不能授权他人')
    // a certificate valid for a year is outside the renewal window
    assert.include(html, '才能办理更新')
    const detail = await asApplicant(client.get(`/certificates/${certificate.id}`), user)
    assert.include(detail.text(), '证书业务')
  })

  test('注销 shows both warnings, is free, and needs the confirmation', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holderWith()
    const form = await asApplicant(client.get(`/certificates/${certificate.id}/revoke`), user)
    form.assertStatus(200)
    assert.include(form.text(), '所关联的印章将自动注销')
    assert.include(form.text(), '无法进行历史数据的解密，该操作不可逆')
    assert.include(form.text(), '免费')

    const refused = await asApplicant(client.post(`/certificates/${certificate.id}/revoke`), user)
      .withCsrfToken()
      .form({ reason: '不再使用' })
      .redirects(0)
    refused.assertStatus(302)
    refused.assertFlashMessage('inputErrorsBag', { confirm: ['请确认已知晓注销的后果'] })
    const status = await opensslStatus(certificate.serial)
    assert.include(status.ocsp, ': good')
  })

  test('注销 is immediate: OpenSSL finds it revoked by OCSP and in the CRL; the audit names the holder', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holderWith()
    const done = await asApplicant(client.post(`/certificates/${certificate.id}/revoke`), user)
      .withCsrfToken()
      .form({ confirm: '1', reason: '不再使用' })
      .redirects(0)
    done.assertStatus(302)
    assert.equal(done.header('location'), `/certificates/${certificate.id}`)

    const status = await opensslStatus(certificate.serial)
    assert.include(status.ocsp, ': revoked')
    assert.include(status.ocsp, 'cessationOfOperation')
    assert.include(status.crl, `Serial Number: ${certificate.serial.toUpperCase()}`)
    assert.include(status.crl, 'Cessation Of Operation')
    // the encryption certificate of the cloud pair goes with it
    const enc = await opensslStatus(certificate.encSerial!)
    assert.include(enc.ocsp, ': revoked')

    const entry = await AuditLog.query()
      .where('action', 'issuance.certificate.revoke')
      .where('subject_id', certificate.serial)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(entry.actorId, user.id)

    const page = await asApplicant(client.get(`/certificates/${certificate.id}`), user)
    assert.include(page.text(), '已注销')
    // an already revoked certificate cannot be revoked again
    const again = await asApplicant(client.get(`/certificates/${certificate.id}/revoke`), user)
    again.assertStatus(409)
    assert.include(again.text(), '证书已注销')
  })

  test("another holder's certificate is a 404 for every service", async ({ client }) => {
    const { certificate } = await holderWith()
    const stranger = await createUser({ name: '钱七' } as any)
    for (const path of ['revoke', 'suspend']) {
      const page = await asApplicant(
        client.get(`/certificates/${certificate.id}/${path}`),
        stranger
      )
      page.assertStatus(404)
    }
    for (const path of ['revoke', 'suspend', 'resume']) {
      const post = await asApplicant(
        client.post(`/certificates/${certificate.id}/${path}`),
        stranger
      )
        .withCsrfToken()
        .form({ confirm: '1' })
      post.assertStatus(404)
    }
  })

  test('冻结 and 解冻 by the holder: OCSP says certificateHold, then good again', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holderWith({
      medium: 'ukey',
      productName: '个人 uKey 证书',
    })
    const form = await asApplicant(client.get(`/certificates/${certificate.id}/suspend`), user)
    form.assertStatus(200)
    assert.include(form.text(), '确认冻结')
    await asApplicant(client.post(`/certificates/${certificate.id}/suspend`), user)
      .withCsrfToken()
      .form({ reason: 'uKey 暂时交给同事保管' })
    let status = await opensslStatus(certificate.serial)
    assert.include(status.ocsp, ': revoked')
    assert.include(status.ocsp, 'certificateHold')
    const list = await asApplicant(client.get('/certificates'), user)
    assert.include(list.text(), '>解冻</a>')

    await asApplicant(client.post(`/certificates/${certificate.id}/resume`), user)
      .withCsrfToken()
      .form({})
    status = await opensslStatus(certificate.serial)
    assert.include(status.ocsp, ': good')
    // resuming a certificate that is not frozen is refused
    const again = await asApplicant(client.post(`/certificates/${certificate.id}/resume`), user)
      .withCsrfToken()
      .form({})
      .redirects(0)
    again.assertFlashMessage('inputErrorsBag', { reason: ['只有已冻结的证书可以解冻'] })
  })
})
