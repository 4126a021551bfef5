import { test } from '@japa/runner'
import Invoice from '#invoices/models/invoice'
import InvoiceTitle from '#invoices/models/invoice_title'
import { asApplicant } from '#tests/helpers/auth'
import { usccCode } from '#tests/helpers/factories'
import { claimedOrg } from '#tests/functional/orgs/helpers'
import { asOrg } from '#tests/functional/seals/helpers'
import { payWithSandbox, verifiedApplicant } from '#tests/functional/orders/support'
import { afterClaim, unpaidOrder } from './support.js'

/**
 * An org's 发票抬头 book, acting as the org (切换身份): its own title (name
 * and credit code) made with the book and undeletable; its admins edit,
 * its members choose but do not edit; org A never reaches org B's titles;
 * an invoice asked while acting for the org uses the org's title and
 * belongs to the org.
 */
const company = (name: string) => ({
  title_type: 'company',
  name,
  tax_number: usccCode(),
  email: 'org-finance@example.cn',
})

/** a claimed org (the claim's hooks run as a claim runs them: the org's own title made) */
async function orgWithMember() {
  const admin = await verifiedApplicant()
  const member = await verifiedApplicant()
  const made = await claimedOrg(admin, { members: [member] })
  await afterClaim(made.org, admin)
  return { admin, member, ...made }
}

test.group('Invoices · an org’s title book', () => {
  test('the admin acting for the org sees its own title (undeletable) and adds one; a member chooses but cannot edit (403)', async ({
    client,
    assert,
  }) => {
    const { admin, member, org, adminMembership, memberships } = await orgWithMember()
    const book = await asOrg(client.get('/account/invoice-titles'), admin, adminMembership.id)
    book.assertStatus(200)
    assert.include(book.text(), `${org.name} · 发票抬头`)
    assert.include(book.text(), '本单位抬头')
    assert.include(book.text(), org.uscc)
    const own = await InvoiceTitle.query()
      .where('owner_kind', 'org')
      .where('owner_id', org.id)
      .firstOrFail()
    assert.isTrue(own.isSystem)
    assert.isTrue(own.isDefault)

    const added = await asOrg(client.post('/account/invoice-titles'), admin, adminMembership.id)
      .withCsrfToken()
      .form(company('示例分公司'))
      .redirects(0)
    added.assertStatus(302)
    const branch = await InvoiceTitle.query()
      .where('owner_kind', 'org')
      .where('owner_id', org.id)
      .where('name', '示例分公司')
      .firstOrFail()

    const refused = await asOrg(
      client.post('/account/invoice-titles/delete'),
      admin,
      adminMembership.id
    )
      .withCsrfToken()
      .form({ ids: [own.id, branch.id], confirmed: '1' })
      .redirects(0)
    refused.assertStatus(302)
    assert.match((refused.flashMessage('inputErrorsBag') as any).ids[0], /本单位抬头，不能删除/)
    assert.lengthOf(await InvoiceTitle.query().where('owner_id', org.id), 2)

    const seen = await asOrg(client.get('/account/invoice-titles'), member, memberships[0].id)
    seen.assertStatus(200)
    assert.include(seen.text(), '示例分公司')
    assert.include(seen.text(), '由本单位管理员维护')
    assert.notInclude(seen.text(), '添加抬头')
    assert.notInclude(seen.text(), '删除抬头')
    const form = await asOrg(
      client.get('/account/invoice-titles/create'),
      member,
      memberships[0].id
    )
    form.assertStatus(403)
    const edit = await asOrg(
      client.get(`/account/invoice-titles/${branch.id}/edit`),
      member,
      memberships[0].id
    )
    edit.assertStatus(403)
    for (const [url, body] of [
      ['/account/invoice-titles', company('成员私加')],
      [`/account/invoice-titles/${branch.id}`, company('成员改名')],
      ['/account/invoice-titles/delete', { ids: [branch.id], confirmed: '1' }],
    ] as const) {
      await asOrg(client.post(url), member, memberships[0].id)
        .withCsrfToken()
        .form(body)
        .redirects(0)
    }
    await branch.refresh()
    assert.equal(branch.name, '示例分公司')
    assert.lengthOf(await InvoiceTitle.query().where('owner_id', org.id), 2)

    /* the member's own book (acting as 自然人) is theirs alone */
    const personal = await asApplicant(client.get('/account/invoice-titles'), member)
    assert.notInclude(personal.text(), '示例分公司')
    assert.include(personal.text(), '添加抬头')
  }).timeout(60_000)

  test("org A's admin neither sees nor changes org B's titles (404, refused deletion)", async ({
    client,
    assert,
  }) => {
    const a = await orgWithMember()
    const b = await orgWithMember()
    await asOrg(client.post('/account/invoice-titles'), b.admin, b.adminMembership.id)
      .withCsrfToken()
      .form(company('乙方分公司'))
    const theirs = await InvoiceTitle.query()
      .where('owner_id', b.org.id)
      .where('name', '乙方分公司')
      .firstOrFail()

    const list = await asOrg(client.get('/account/invoice-titles'), a.admin, a.adminMembership.id)
    assert.notInclude(list.text(), '乙方分公司')
    assert.notInclude(list.text(), b.org.name)
    const edit = await asOrg(
      client.get(`/account/invoice-titles/${theirs.id}/edit`),
      a.admin,
      a.adminMembership.id
    )
    edit.assertStatus(404)
    await asOrg(client.post(`/account/invoice-titles/${theirs.id}`), a.admin, a.adminMembership.id)
      .withCsrfToken()
      .form(company('被改名'))
      .redirects(0)
    await asOrg(client.post('/account/invoice-titles/delete'), a.admin, a.adminMembership.id)
      .withCsrfToken()
      .form({ ids: [theirs.id], confirmed: '1' })
      .redirects(0)
    await theirs.refresh()
    assert.equal(theirs.name, '乙方分公司')

    /* a membership of org B in A's admin's session is not theirs: they act as 自然人 */
    const forged = await asOrg(client.get('/account/invoice-titles'), a.admin, b.adminMembership.id)
    assert.notInclude(forged.text(), '乙方分公司')
  }).timeout(60_000)

  test('paying while acting for the org: 是否开票 offers the org’s titles and the request belongs to the org', async ({
    client,
    assert,
  }) => {
    const { admin, member, org, adminMembership, memberships } = await orgWithMember()
    await asOrg(client.post('/account/invoice-titles'), admin, adminMembership.id)
      .withCsrfToken()
      .form(company('示例分公司'))
    const branch = await InvoiceTitle.query()
      .where('owner_id', org.id)
      .where('name', '示例分公司')
      .firstOrFail()
    const order = await unpaidOrder(client, member)
    /* a personal order is not invoiced in the org's book */
    const personal = await asOrg(client.post('/payments'), member, memberships[0].id)
      .withCsrfToken()
      .form({
        order_no: order.orderNo,
        method: 'sandbox',
        invoice_wanted: 'yes',
        invoice_title_id: branch.id,
      })
      .redirects(0)
    assert.match(
      (personal.flashMessage('inputErrorsBag') as any).invoice_wanted[0],
      /请切换为自然人身份/
    )
    /* the order is the org's (made acting for it: the wizard sets org_id) */
    order.orgId = org.id
    await order.save()

    const page = await asOrg(client.get(`/orders/${order.orderNo}/pay`), member, memberships[0].id)
    assert.include(page.text(), `发票抬头（${org.name}）`)
    assert.include(page.text(), '示例分公司')
    assert.notInclude(page.text(), '新增抬头')

    await asOrg(client.post('/payments'), member, memberships[0].id).withCsrfToken().form({
      order_no: order.orderNo,
      method: 'sandbox',
      invoice_wanted: 'yes',
      invoice_title_id: branch.id,
    })
    await payWithSandbox(client, member, order.orderNo)
    const invoice = await Invoice.query().where('user_id', member.id).firstOrFail()
    assert.equal(invoice.ownerKind, 'org')
    assert.equal(invoice.ownerId, org.id)
    assert.equal(invoice.title.name, '示例分公司')

    const asPerson = await asApplicant(client.get('/invoices'), member)
    assert.notInclude(asPerson.text(), order.orderNo)
    const asAdmin = await asOrg(client.get('/invoices'), admin, adminMembership.id)
    assert.include(asAdmin.text(), order.orderNo)
  }).timeout(60_000)
})
