import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type User from '#accounts/models/user'
import type Order from '#orders/models/order'
import Org from '#orgs/models/org'
import OrgClaim from '#orgs/models/org_claim'
import Invoice from '#invoices/models/invoice'
import InvoiceTitle from '#invoices/models/invoice_title'
import Refund from '#payments/models/refund'
import { reviewerOf } from '#core/staff'
import { issueInvoice } from '#invoices/actions/invoices'
import { asApplicant } from '#tests/helpers/auth'
import { createStaff, usccCode } from '#tests/helpers/factories'
import { makeImage } from '#tests/helpers/files'
import { ensureCa } from '#tests/unit/issuance/support'
import { lastCode } from '#tests/functional/accounts/helpers'
import { claimForm, claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { asOrg } from '#tests/functional/seals/helpers'
import { verifiedApplicant } from '#tests/functional/orders/support'
import { paidOrders } from './support.js'

/**
 * An org's orders (orders.org_id, made while acting for it) in 我的发票 and
 * 退费: acting for the org, its admins invoice every paid order of the org,
 * a member (经办人) only those they made; acting as a person, only personal
 * orders. Org A never reaches org B's orders or invoices (404); a removed
 * member loses them at once. The org's own 发票抬头 is made at the claim,
 * never by a GET.
 */

/** a paid order made for the org (the wizard acting for it sets org_id; here set directly) */
async function forOrg(order: Order, orgId: string) {
  order.orgId = orgId
  await order.save()
  return order
}

async function twoOrgs(client: ApiClient) {
  const admin = await verifiedApplicant()
  const member = await verifiedApplicant()
  const other = await verifiedApplicant()
  const a = await claimedOrg(admin, { members: [member] })
  const b = await claimedOrg(other)
  const [memberOrg, personal] = await paidOrders(client, member, 2)
  await forOrg(memberOrg, a.org.id)
  const [adminOrg] = await paidOrders(client, admin, 1)
  await forOrg(adminOrg, a.org.id)
  return { admin, member, other, a, b, memberOrg, personal, adminOrg }
}

function invoicePage(client: ApiClient, user: User, membershipId?: string) {
  const request = client.get('/invoices/new?order_type=ca')
  return membershipId ? asOrg(request, user, membershipId) : asApplicant(request, user)
}

async function orgTitle(client: ApiClient, admin: User, membershipId: string, orgId: string) {
  await asOrg(client.post('/account/invoice-titles'), admin, membershipId).withCsrfToken().form({
    title_type: 'company',
    name: '开票分部',
    tax_number: usccCode(),
    email: 'a@example.cn',
  })
  return InvoiceTitle.query().where('owner_id', orgId).where('name', '开票分部').firstOrFail()
}

test.group('Invoices · an org’s orders', () => {
  test('acting for the org: the admin lists every order of the org, a member only theirs; as a person only personal orders; org B and a removed member get nothing (404)', async ({
    client,
    assert,
  }) => {
    await ensureCa()
    const { admin, member, other, a, b, memberOrg, personal, adminOrg } = await twoOrgs(client)
    const memberId = a.memberships[0].id

    const asAdmin = await invoicePage(client, admin, a.adminMembership.id)
    assert.include(asAdmin.text(), memberOrg.orderNo)
    assert.include(asAdmin.text(), adminOrg.orderNo)
    assert.notInclude(asAdmin.text(), personal.orderNo)
    const asMember = await invoicePage(client, member, memberId)
    assert.include(asMember.text(), memberOrg.orderNo)
    assert.notInclude(asMember.text(), adminOrg.orderNo)
    assert.notInclude(asMember.text(), personal.orderNo)
    const asPerson = await invoicePage(client, member)
    assert.include(asPerson.text(), personal.orderNo)
    assert.notInclude(asPerson.text(), memberOrg.orderNo)
    const asAdminPerson = await invoicePage(client, admin)
    assert.notInclude(asAdminPerson.text(), adminOrg.orderNo)

    /* the admin invoices the member's order of the org, with the org's title */
    const title = await orgTitle(client, admin, a.adminMembership.id, a.org.id)
    const form = (orderNos: string[], titleId = title.id) => ({
      order_type: 'ca',
      order_nos: orderNos,
      title_id: titleId,
      kind: 'normal',
    })
    /* a member cannot invoice an order of the org made by another */
    const notTheirs = await asOrg(client.post('/invoices'), member, memberId)
      .withCsrfToken()
      .form(form([adminOrg.orderNo]))
      .redirects(0)
    assert.match((notTheirs.flashMessage('inputErrorsBag') as any).order_nos[0], /不存在/)
    await asOrg(client.post('/invoices'), admin, a.adminMembership.id)
      .withCsrfToken()
      .form(form([memberOrg.orderNo]))
      .redirects(0)
    const invoice = await Invoice.query().where('owner_id', a.org.id).firstOrFail()
    assert.equal(invoice.userId, admin.id)
    assert.equal(invoice.title.name, '开票分部')
    await issueInvoice(invoice.id, reviewerOf(await createStaff(['finance'])))
    const pdf = await asOrg(client.get(`/invoices/${invoice.id}/pdf`), admin, a.adminMembership.id)
    pdf.assertStatus(200)

    /* org B's admin: not listed, not requestable, not downloadable */
    const bList = await asOrg(client.get('/invoices'), other, b.adminMembership.id)
    assert.notInclude(bList.text(), memberOrg.orderNo)
    const bNew = await invoicePage(client, other, b.adminMembership.id)
    assert.notInclude(bNew.text(), adminOrg.orderNo)
    const bTitle = await orgTitle(client, other, b.adminMembership.id, b.org.id)
    const bAsk = await asOrg(client.post('/invoices'), other, b.adminMembership.id)
      .withCsrfToken()
      .form(form([adminOrg.orderNo], bTitle.id))
      .redirects(0)
    assert.match((bAsk.flashMessage('inputErrorsBag') as any).order_nos[0], /不存在/)
    for (const url of [`/invoices/${invoice.id}`, `/invoices/${invoice.id}/pdf`]) {
      const refused = await asOrg(client.get(url), other, b.adminMembership.id)
      refused.assertStatus(404)
    }
    assert.lengthOf(await Invoice.query().where('owner_id', b.org.id), 0)

    /* a member sees the org's invoices they asked for, not the admin's */
    const memberList = await asOrg(client.get('/invoices'), member, memberId)
    assert.notInclude(memberList.text(), memberOrg.orderNo)
    const memberOpen = await asOrg(client.get(`/invoices/${invoice.id}`), member, memberId)
    memberOpen.assertStatus(404)
    await asOrg(client.post('/invoices'), admin, a.adminMembership.id)
      .withCsrfToken()
      .form(form([adminOrg.orderNo]))
    const adminsOwn = await Invoice.query()
      .where('owner_id', a.org.id)
      .whereNot('id', invoice.id)
      .firstOrFail()

    /* removed from the org (here the admin): its orders and invoices are gone from them at once */
    a.adminMembership.status = 'removed'
    await a.adminMembership.save()
    for (const url of [
      `/invoices/${invoice.id}`,
      `/invoices/${invoice.id}/pdf`,
      `/invoices/${adminsOwn.id}`,
    ]) {
      const gone = await asOrg(client.get(url), admin, a.adminMembership.id)
      gone.assertStatus(404)
    }
    const after = await invoicePage(client, admin, a.adminMembership.id)
    assert.notInclude(after.text(), memberOrg.orderNo)
    assert.notInclude(after.text(), adminOrg.orderNo)
  }).timeout(120_000)

  test('退费 of an org order: the org admin and the order’s 经办人 may ask; another member, org B and a removed member get 404', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedApplicant()
    const member = await verifiedApplicant()
    const bystander = await verifiedApplicant()
    const other = await verifiedApplicant()
    const a = await claimedOrg(admin, { members: [member, bystander] })
    await claimedOrg(other)
    const [order] = await paidOrders(client, member, 1)
    await forOrg(order, a.org.id)
    const url = `/orders/${order.orderNo}/refund`

    for (const who of [admin, member]) {
      const page = await asApplicant(client.get(url), who)
      page.assertStatus(200)
      assert.include(page.text(), '可全额退款')
    }
    for (const who of [bystander, other]) {
      const page = await asApplicant(client.get(url), who)
      page.assertStatus(404)
      const post = await asApplicant(client.post(url), who)
        .withCsrfToken()
        .form({ reason: '项目取消' })
        .redirects(0)
      post.assertStatus(404)
    }
    assert.lengthOf(await Refund.query().where('order_no', order.orderNo), 0)

    /* the 经办人 removed from the org loses the order */
    a.memberships[0].status = 'removed'
    await a.memberships[0].save()
    const removed = await asApplicant(client.post(url), member)
      .withCsrfToken()
      .form({ reason: '项目取消' })
      .redirects(0)
    removed.assertStatus(404)

    const asked = await asApplicant(client.post(url), admin)
      .withCsrfToken()
      .form({ reason: '项目取消', note: '单位不再需要' })
      .redirects(0)
    asked.assertStatus(302)
    const refund = await Refund.query().where('order_no', order.orderNo).firstOrFail()
    assert.equal(refund.userId, admin.id)
    assert.equal(refund.status, 'requested')
  }).timeout(60_000)
})

test.group('Invoices · the org’s own title', () => {
  test('made when the org is claimed; opening the book of an org without it writes nothing, the first change makes it', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('赵六')
    const form = claimForm()
    await asApplicant(client.post('/orgs/claim'), user)
      .withCsrfToken()
      .form({ ...form, method: 'phone', intent: 'send_code' })
      .redirects(0)
    const code = await lastCode(form.legal_rep_phone, 'real_name')
    await asApplicant(client.post('/orgs/claim'), user)
      .withCsrfToken()
      .redirects(0)
      .fields({ ...form, method: 'phone', sms_code: code })
      .file('licence', await makeImage('png'))
    assert.equal((await OrgClaim.findByOrFail('uscc', form.uscc)).status, 'passed')
    const org = await Org.findByOrFail('uscc', form.uscc)
    const own = await InvoiceTitle.query().where('owner_id', org.id).firstOrFail()
    assert.isTrue(own.isSystem)
    assert.isTrue(own.isDefault)
    assert.equal(own.name, form.org_name)
    assert.equal(own.taxNumber, form.uscc)

    /* an org claimed before (no title yet): the GET is read-only */
    const admin = await verifiedApplicant()
    const older = await claimedOrg(admin)
    const book = await asOrg(client.get('/account/invoice-titles'), admin, older.adminMembership.id)
    book.assertStatus(200)
    assert.lengthOf(await InvoiceTitle.query().where('owner_id', older.org.id), 0)
    const title = await orgTitle(client, admin, older.adminMembership.id, older.org.id)
    const titles = await InvoiceTitle.query().where('owner_id', older.org.id)
    assert.lengthOf(titles, 2)
    assert.isTrue(titles.find((t) => t.id !== title.id)!.isSystem)
  }).timeout(60_000)
})
