import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ensureCa } from '#tests/unit/issuance/support'
import { caCrlDer } from '#issuance/queries/ca'
import { colonHex, fingerprint } from '#issuance/services/x509'
import { createStaff } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'

test.group('Back office · CA 与 CRL', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a reviewer sees the chain, fingerprints, CRL numbers and counts', async ({
    client,
    assert,
  }) => {
    const { root, issuing } = await ensureCa()
    const reviewer = await createStaff(['reviewer'])
    const page = await asStaff(client.get('/admin/ca'), reviewer)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, colonHex(fingerprint(root.der)))
    assert.include(html, colonHex(fingerprint(issuing.der)))
    assert.include(html, `第 ${(await caCrlDer('issuing'))!.crlNumber} 号`)
    assert.include(html, '下次更新')
    assert.include(html, '正常证书')
    assert.include(html, `/pki/crl/${issuing.id}.crl`)
    assert.notInclude(html, 'PRIVATE KEY')
  })

  test('publishing a CRL by hand gives every CA a new CRL number and one audit entry', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const before = (await caCrlDer('issuing'))!.crlNumber
    const response = await asStaff(client.post('/admin/ca/crl'), reviewer).withCsrfToken()
    assert.include(response.text(), '已发布新的 CRL')
    assert.equal((await caCrlDer('issuing'))!.crlNumber, before + 1)
    const entries = await db
      .from('audit_logs')
      .where('action', 'issuance.crl.publish')
      .where('actor_id', reviewer.id)
    assert.lengthOf(entries, 1)
  })

  test('operators and finance staff cannot open the CA page (403)', async ({ client }) => {
    for (const role of ['operator', 'finance'] as const) {
      const staff = await createStaff([role])
      ;(await asStaff(client.get('/admin/ca'), staff)).assertStatus(403)
      ;(await asStaff(client.post('/admin/ca/crl'), staff).withCsrfToken()).assertStatus(403)
    }
  })

  test('the dashboard shows the number of valid certificates to reviewers', async ({
    client,
    assert,
  }) => {
    const reviewer = await createStaff(['reviewer'])
    const page = await asStaff(client.get('/admin'), reviewer)
    assert.include(page.text(), '有效证书')
  })
})
