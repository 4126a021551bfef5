import { test } from '@japa/runner'
import CertificateUnbinding from '#certificates/models/certificate_unbinding'
import { asApplicant } from '#tests/helpers/auth'
import { createUser } from '#tests/helpers/factories'
import { ensureCa } from '#tests/unit/issuance/support'
import { holderWith } from '#tests/functional/certificates/support'

test.group('证书解绑', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('the holder records an unbinding; it is listed; another holder gets 404', async ({
    client,
    assert,
  }) => {
    const { user, certificate } = await holderWith()
    const list = await asApplicant(client.get('/certificates'), user)
    assert.include(list.text(), `href="/certificates/${certificate.id}/unbind"`)
    const form = await asApplicant(client.get(`/certificates/${certificate.id}/unbind`), user)
    form.assertStatus(200)
    assert.include(form.text(), '示例交易平台')
    const empty = await asApplicant(client.post(`/certificates/${certificate.id}/unbind`), user)
      .withCsrfToken()
      .form({ platform_account: '' })
      .redirects(0)
    assert.property(empty.flashMessages().inputErrorsBag ?? {}, 'platform_account')
    const page = await asApplicant(client.post(`/certificates/${certificate.id}/unbind`), user)
      .withCsrfToken()
      .form({ platform_account: 'bidder-2026', reason: '更换投标账号' })
    page.assertStatus(200)
    assert.include(page.text(), 'bidder-2026')
    assert.include(page.text(), '已登记，待平台解绑')
    const rows = await CertificateUnbinding.query().where('certificate_id', certificate.id)
    assert.lengthOf(rows, 1)
    const stranger = await createUser({ name: '钱七' } as any)
    const other = await asApplicant(client.get(`/certificates/${certificate.id}/unbind`), stranger)
    other.assertStatus(404)
  })
})
