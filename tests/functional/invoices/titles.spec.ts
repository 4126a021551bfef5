import { test } from '@japa/runner'
import InvoiceTitle from '#invoices/models/invoice_title'
import AuditLog from '#core/audit/audit_log'
import { ensureOrgTitle } from '#invoices/actions/titles'
import { asApplicant } from '#tests/helpers/auth'
import { usccCode } from '#tests/helpers/factories'
import { verifiedApplicant } from '#tests/functional/orders/support'

/**
 * 发票抬头: the applicant's title book through HTTP.
 */
const company = (overrides: Record<string, string> = {}) => ({
  title_type: 'company',
  name: '示例科技有限公司',
  tax_number: usccCode(),
  email: 'finance@example.cn',
  phone: '010-12345678',
  address: '示例市示例路 1 号',
  bank: '示例银行示例支行',
  account: '6222000000000001',
  ...overrides,
})

test.group('Invoices · title book', () => {
  test('the first title becomes the default; another set as default takes it over', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const first = await asApplicant(client.post('/account/invoice-titles'), user)
      .withCsrfToken()
      .form({ title_type: 'personal', name: '陈一', email: 'chen@example.cn' })
      .redirects(0)
    first.assertStatus(302)
    await asApplicant(client.post('/account/invoice-titles'), user)
      .withCsrfToken()
      .form({ ...company(), is_default: 'true' })
    const titles = await InvoiceTitle.query().where('owner_id', user.id).orderBy('created_at')
    assert.lengthOf(titles, 2)
    assert.deepEqual(
      titles.map((t) => [t.name, t.isDefault]),
      [
        ['陈一', false],
        ['示例科技有限公司', true],
      ]
    )
    const page = await asApplicant(client.get('/account/invoice-titles'), user)
    page.assertStatus(200)
    assert.include(page.text(), '示例科技有限公司')
    assert.include(page.text(), '删除抬头')
    assert.equal(
      await AuditLog.query()
        .where('action', 'invoices.title.create')
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      2
    )
  })

  test('a 单位 title needs a credit code that passes GB 32100; the form comes back with the message at the field', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    const missing = await asApplicant(client.post('/account/invoice-titles'), user)
      .withCsrfToken()
      .form(company({ tax_number: '' }))
      .redirects(0)
    missing.assertStatus(302)
    missing.assertFlashMessage('inputErrorsBag', { tax_number: ['单位抬头必须填写纳税人识别号'] })
    const wrong = await asApplicant(client.post('/account/invoice-titles'), user)
      .withCsrfToken()
      .form(company({ tax_number: '91110105MA01CDEK1K' }))
      .redirects(0)
    const bag = wrong.flashMessage('inputErrorsBag') as Record<string, string[]>
    assert.match(bag.tax_number[0], /统一社会信用代码/)
    assert.equal(
      await InvoiceTitle.query()
        .where('owner_id', user.id)
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )
  })

  test('an email is required (message at the field)', async ({ client, assert }) => {
    const user = await verifiedApplicant()
    const response = await asApplicant(client.post('/account/invoice-titles'), user)
      .withCsrfToken()
      .form({ title_type: 'personal', name: '陈一' })
      .redirects(0)
    response.assertStatus(302)
    const bag = response.flashMessage('inputErrorsBag') as Record<string, string[]>
    assert.match(bag.email[0], /电子邮箱/)
  })

  test('edit a title', async ({ client, assert }) => {
    const user = await verifiedApplicant()
    await asApplicant(client.post('/account/invoice-titles'), user)
      .withCsrfToken()
      .form({ title_type: 'personal', name: '陈一', email: 'chen@example.cn' })
    const title = await InvoiceTitle.query().where('owner_id', user.id).firstOrFail()
    const form = await asApplicant(client.get(`/account/invoice-titles/${title.id}/edit`), user)
    form.assertStatus(200)
    assert.include(form.text(), 'chen@example.cn')
    await asApplicant(client.post(`/account/invoice-titles/${title.id}`), user)
      .withCsrfToken()
      .form({ title_type: 'personal', name: '陈一', email: 'new@example.cn' })
    await title.refresh()
    assert.equal(title.email, 'new@example.cn')
  })

  test('multi-select delete asks "确定要删除选中的抬头吗？" on a page, then deletes only after 确认', async ({
    client,
    assert,
  }) => {
    const user = await verifiedApplicant()
    for (const name of ['陈一', '陈二', '陈三']) {
      await asApplicant(client.post('/account/invoice-titles'), user)
        .withCsrfToken()
        .form({ title_type: 'personal', name, email: 'chen@example.cn' })
    }
    const titles = await InvoiceTitle.query().where('owner_id', user.id).orderBy('created_at')
    const chosen = [titles[0].id, titles[2].id]
    const ask = await asApplicant(client.post('/account/invoice-titles/delete'), user)
      .withCsrfToken()
      .form({ ids: chosen })
    ask.assertStatus(200)
    assert.include(ask.text(), '确定要删除选中的抬头吗？')
    assert.equal(
      await InvoiceTitle.query()
        .where('owner_id', user.id)
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      3
    )

    await asApplicant(client.post('/account/invoice-titles/delete'), user)
      .withCsrfToken()
      .form({ ids: chosen, confirmed: '1' })
    const left = await InvoiceTitle.query().where('owner_id', user.id)
    assert.deepEqual(
      left.map((t) => t.name),
      ['陈二']
    )
    assert.isTrue(left[0].isDefault, 'the default moved to the title that is left')
  })

  test("another applicant's title is not found (404) and cannot be deleted", async ({
    client,
    assert,
  }) => {
    const owner = await verifiedApplicant()
    const other = await verifiedApplicant()
    await asApplicant(client.post('/account/invoice-titles'), owner)
      .withCsrfToken()
      .form({ title_type: 'personal', name: '陈一', email: 'chen@example.cn' })
    const title = await InvoiceTitle.query().where('owner_id', owner.id).firstOrFail()
    const edit = await asApplicant(client.get(`/account/invoice-titles/${title.id}/edit`), other)
    edit.assertStatus(404)
    await asApplicant(client.post('/account/invoice-titles/delete'), other)
      .withCsrfToken()
      .form({ ids: [title.id], confirmed: '1' })
    assert.isNotNull(await InvoiceTitle.find(title.id))
  })

  test("an org's own title is its default and cannot be deleted", async ({ assert }) => {
    const uscc = usccCode()
    const orgId = '00000000-0000-4000-8000-000000000001'
    const title = await ensureOrgTitle(orgId, { name: '示例单位', uscc, email: 'org@example.cn' })
    assert.isTrue(title.isDefault)
    assert.isTrue(title.isSystem)
    const { deleteTitles } = await import('#invoices/actions/titles')
    await assert.rejects(
      () => deleteTitles({ kind: 'org', id: orgId }, [title.id]),
      /本单位抬头，不能删除/
    )
    assert.equal(
      (await ensureOrgTitle(orgId, { name: '示例单位', uscc, email: 'org@example.cn' })).id,
      title.id
    )
  })
})
