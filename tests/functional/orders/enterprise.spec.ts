import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import { runQueuedJobs } from '#core/queue/jobs'
import { nextId } from '#core/ids'
import SmsMessage from '#core/sms/sms_message'
import type User from '#accounts/models/user'
import Order from '#orders/models/order'
import OrderMaterial from '#orders/models/order_material'
import storage from '#core/storage'
import { readFile } from 'node:fs/promises'
import { makeImage } from '#tests/helpers/files'
import Payment from '#payments/models/payment'
import Certificate from '#certificates/models/certificate'
import OrgClaim from '#orgs/models/org_claim'
import { ACTING_SESSION_KEY } from '#orgs/queries/acting'
import { createStaff, createUser, residentId, usccCode } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { ensureCa, openssl, opensslCsr } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import {
  catalogFixture,
  enterpriseFixture,
  fillApplication,
  payWithSandbox,
  saveHandler,
  startAndAgree,
} from './support.js'

/**
 * Enterprise certificates through the wizard (issue 10): acting for an
 * org (切换身份) the wizard offers the org's products, the enterprise
 * block comes from the org and cannot be changed, the order belongs to
 * the org.
 */
async function orgWithProducts() {
  const catalog = await catalogFixture()
  const enterprise = await enterpriseFixture(catalog.platform.id)
  const admin = await verifiedUser('苏管理')
  const member = await verifiedUser('李员工')
  const colleague = await verifiedUser('周同事')
  const { org, adminMembership, memberships } = await claimedOrg(admin, {
    members: [member, colleague],
  })
  return { ...catalog, enterprise, admin, member, colleague, org, adminMembership, memberships }
}

/** the wizard to its last step for the org, as the member of `membershipId` */
function fillForOrg(
  client: ApiClient,
  user: User,
  membershipId: string,
  enterprise: Awaited<ReturnType<typeof enterpriseFixture>>,
  kind: 'cloud' | 'ukey'
) {
  return fillApplication(
    client,
    user,
    enterprise[kind].id,
    kind === 'cloud' ? enterprise.cloudMaterial.id : enterprise.ukeyMaterial.id,
    { delivery_method: kind === 'cloud' ? 'online_install' : 'self_make' },
    { acting: membershipId }
  )
}

function acting(membershipId: string) {
  return { [ACTING_SESSION_KEY]: membershipId }
}

test.group('Enterprise certificates · the wizard', () => {
  test('acting as a person shows no enterprise product; acting for the org shows only its products', async ({
    client,
    assert,
  }) => {
    const { platform, member, memberships } = await orgWithProducts()
    const asPerson = await asApplicant(client.get(`/apply/${platform.id}`), member)
    assert.include(asPerson.text(), '个人移动证书')
    assert.notInclude(asPerson.text(), '单位移动证书')

    const asOrg = await asApplicant(client.get(`/apply/${platform.id}`), member).withSession(
      acting(memberships[0].id)
    )
    assert.include(asOrg.text(), '单位移动证书')
    assert.include(asOrg.text(), '单位 uKey 证书')
    assert.notInclude(asOrg.text(), '个人移动证书')
    assert.include(asOrg.text(), '办理身份')
  })

  test('an enterprise product started as a person, or a personal one for the org, is refused with the reason', async ({
    client,
    assert,
  }) => {
    const { cloud, enterprise, member, memberships } = await orgWithProducts()
    const asPerson = await asApplicant(client.post('/apply'), member)
      .withCsrfToken()
      .form({ product_id: enterprise.cloud.id, years: '1' })
      .redirects(0)
    assert.include(
      (asPerson.flashMessages().inputErrorsBag as any).product_id[0],
      '单位证书需以机构身份办理'
    )
    const personalForOrg = await asApplicant(client.post('/apply'), member)
      .withSession(acting(memberships[0].id))
      .withCsrfToken()
      .form({ product_id: cloud.id, years: '1' })
      .redirects(0)
    assert.include(
      (personalForOrg.flashMessages().inputErrorsBag as any).product_id[0],
      '只能申请单位证书'
    )
    assert.lengthOf(await Order.query().where('user_id', member.id), 0)
  })

  test('the order is the org’s: subject from the org, the acting member is the 经办人, the enterprise block is read-only', async ({
    client,
    assert,
  }) => {
    const { enterprise, member, memberships, org } = await orgWithProducts()
    const orderNo = await startAndAgree(client, member, enterprise.cloud.id, memberships[0].id)
    const order = await Order.findByOrFail('order_no', orderNo)
    assert.equal(order.orgId, org.id)
    assert.equal(order.subjectType, 'org')
    assert.equal(order.subjectOrgName, org.name)
    assert.equal(order.subjectUscc, org.uscc)
    assert.equal(order.handlerName, '李员工')

    const page = await asApplicant(client.get(`/orders/${orderNo}/apply/applicant`), member)
    page.assertStatus(200)
    assert.include(page.text(), '单位信息（来自机构认证信息，不可修改）')
    assert.include(page.text(), org.name)
    assert.include(page.text(), org.uscc)
    assert.include(page.text(), '王*')
    assert.notInclude(page.text(), org.legalRepPhone!)
    assert.notInclude(page.text(), 'name="org_name"')

    /* a handler name typed over the read-only one is not taken */
    await saveHandler(client, member, orderNo, '张冒名')
    await order.refresh()
    assert.equal(order.handlerName, '李员工')
    assert.equal(order.handlerIdNumber, member.realIdNumber)
    assert.isNotNull(order.handlerPhoneVerifiedAt)
  })

  test('an account of the 机构 type still applies for an enterprise certificate as itself', async ({
    client,
    assert,
  }) => {
    const { platform, enterprise } = await orgWithProducts()
    const account = await createUser({
      accountType: 'org',
      orgName: '老式机构账号有限公司',
      uscc: usccCode(),
      realNameStatus: 'verified',
      realName: '赵经办',
      realIdType: 'resident_id',
      realIdNumber: residentId('19770707', '110105', '321'),
    } as any)
    const page = await asApplicant(client.get(`/apply/${platform.id}`), account)
    assert.include(page.text(), '单位移动证书')
    const start = await asApplicant(client.post('/apply'), account)
      .withCsrfToken()
      .form({ product_id: enterprise.cloud.id, years: '1' })
      .redirects(0)
    const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location') ?? '')![1]
    const order = await Order.findByOrFail('order_no', orderNo)
    assert.isNull(order.orgId)
    assert.equal(order.subjectOrgName, '老式机构账号有限公司')
  })

  test('使用机构营业执照: the org’s licence becomes the order’s 营业执照 without an upload', async ({
    client,
    assert,
  }) => {
    const { enterprise, member, memberships, org } = await orgWithProducts()
    org.licenceKey = await storage.put(
      storage.makeKey('orgs/licences', 'jpg'),
      await readFile(await makeImage('jpg', 40 * 1024))
    )
    org.licenceType = 'jpg'
    await org.save()
    const orderNo = await startAndAgree(client, member, enterprise.cloud.id, memberships[0].id)
    await saveHandler(client, member, orderNo, '李员工')
    const page = await asApplicant(client.get(`/orders/${orderNo}/apply/materials`), member)
    assert.include(page.text(), '使用机构认证时提交的营业执照')
    const used = await asApplicant(client.post(`/orders/${orderNo}/apply/materials`), member)
      .withCsrfToken()
      .form({ use_org_licence: enterprise.cloudMaterial.id })
      .redirects(0)
    used.assertFlashMessage('success', '已使用机构认证时提交的营业执照')
    const order = await Order.findByOrFail('order_no', orderNo)
    const material = await OrderMaterial.query().where('order_id', order.id).firstOrFail()
    assert.equal(material.fileType, 'jpg')
    assert.notEqual(
      material.fileKey,
      org.licenceKey,
      'a copy: the org may change its licence later'
    )
  })

  test('the whole draft is filled for the org through the wizard', async ({ client, assert }) => {
    const { enterprise, member, memberships, org } = await orgWithProducts()
    const draft = await fillForOrg(client, member, memberships[0].id, enterprise, 'cloud')
    assert.equal(draft.orgId, org.id)
    assert.equal(draft.wizardStep, 'delivery')
  })
})

/**
 * Submit (as the 经办人), pay with the sandbox and run the jobs the
 * payment enqueued.
 */
async function submitAndPay(client: ApiClient, user: User, orderNo: string) {
  await asApplicant(client.post(`/orders/${orderNo}/apply/confirm`), user).withCsrfToken()
  await payWithSandbox(client, user, orderNo)
  await runQueuedJobs()
}

async function subjectOf(pem: string) {
  const result = await openssl(
    ['x509', '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus'],
    pem
  )
  return result.stdout
}

test.group('Enterprise certificates · issued for the org', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('wizard → pay → review (pre-validation shown) → issue: the subject carries the org, the PIN goes to the legal representative', async ({
    client,
    assert,
  }) => {
    const { enterprise, admin, member, memberships, adminMembership, org } = await orgWithProducts()
    org.validatedAt = DateTime.utc()
    await org.save()
    await OrgClaim.create({
      requestNo: nextId(),
      orgId: org.id,
      userId: admin.id,
      method: 'review',
      status: 'approved',
      orgName: org.name,
      uscc: org.uscc,
      kind: 'enterprise',
      legalRepName: org.legalRepName!,
      legalRepIdType: 'resident_id',
      legalRepIdNumber: org.legalRepIdNumber!,
      legalRepPhone: org.legalRepPhone!,
      licenceKey: 'orgs/licence.png',
      licenceType: 'png',
    } as any)

    const draft = await fillForOrg(client, member, memberships[0].id, enterprise, 'cloud')
    await submitAndPay(client, member, draft.orderNo)
    await draft.refresh()
    assert.equal(draft.status, 'pending_review')

    const reviewer = await createStaff(['reviewer'])
    const review = await asStaff(client.get(`/admin/orders/${draft.orderNo}`), reviewer)
    assert.include(review.text(), '单位（机构预核验）')
    assert.include(review.text(), '已预核验')
    assert.include(review.text(), '上传授权委托书（人工审核）')
    assert.include(review.text(), '通过 CA 审核')

    await asStaff(client.post(`/admin/orders/${draft.orderNo}/approve`), reviewer).withCsrfToken()
    await runQueuedJobs()
    await draft.refresh()
    assert.equal(draft.status, 'completed')

    const certificate = await Certificate.query().where('order_no', draft.orderNo).firstOrFail()
    assert.equal(certificate.orgId, org.id)
    const pem = await asApplicant(
      client.get(`/certificates/${certificate.id}/download/pem`),
      member
    )
    pem.assertStatus(200)
    const subject = await subjectOf(pem.text())
    assert.include(subject, `O=${org.name}`)
    assert.include(subject, `CN=${org.name}`)
    assert.include(subject, org.uscc)

    /* the initial PIN: by SMS to the legal representative (a job of the issuance), never to the 经办人 */
    await runQueuedJobs()
    const pinSms = await SmsMessage.query()
      .where('purpose', 'certificates.initial_pin')
      .where('phone', org.legalRepPhone!)
      .firstOrFail()
    const pin = /PIN 码为 (\d{6})/.exec(pinSms.content)![1]
    assert.notEqual(pin, member.phone.slice(-6))
    assert.lengthOf(
      await SmsMessage.query()
        .where('purpose', 'certificates.initial_pin')
        .where('phone', member.phone),
      0
    )
    const p12 = await asApplicant(client.post(`/certificates/${certificate.id}/pkcs12`), member)
      .withCsrfToken()
      .form({
        pin,
        export_password: 'Exp0rt-pass',
        export_password_confirmation: 'Exp0rt-pass',
        usage: 'sign',
      })
    p12.assertStatus(200)

    /* 我的证书: the 经办人 and the org's admin see it */
    for (const person of [member, admin]) {
      const list = await asApplicant(client.get('/certificates'), person)
      assert.include(list.text(), '单位移动证书')
      const show = await asApplicant(client.get(`/certificates/${certificate.id}`), person)
      show.assertStatus(200)
    }
    const adminOrder = await asApplicant(client.get(`/orders/${draft.orderNo}`), admin)
    adminOrder.assertStatus(200)

    /* 变更 after the org's name changed, acting for the org: the service order is the org's, with the new name */
    org.name = `${org.name}（更名）`
    org.changedAt = DateTime.utc()
    await org.save()
    const change = await asApplicant(client.post(`/services/change/${certificate.id}`), admin)
      .withSession(acting(adminMembership.id))
      .withCsrfToken()
      .form({ bid_warning: '1' })
      .redirects(0)
    change.assertStatus(302)
    const changeOrder = await Order.query()
      .where('certificate_id', certificate.id)
      .where('service_type', 'change')
      .firstOrFail()
    assert.equal(changeOrder.orgId, org.id)
    assert.equal(changeOrder.subjectOrgName, org.name)
  })

  test('uKey: the org’s first key is free whoever applies, the second is charged; the uKey certificate carries the org', async ({
    client,
    assert,
  }) => {
    const { enterprise, admin, member, memberships, adminMembership, org } = await orgWithProducts()
    const first = await fillForOrg(client, member, memberships[0].id, enterprise, 'ukey')
    assert.equal(first.amountFen, 0)
    await asApplicant(client.post(`/orders/${first.orderNo}/apply/confirm`), member).withCsrfToken()
    await first.refresh()
    assert.equal(first.paymentState, 'free')

    /* another member (the admin) applying for the org: the org's second key, charged */
    const second = await fillForOrg(client, admin, adminMembership.id, enterprise, 'ukey')
    assert.equal(second.amountFen, 30000)
    assert.equal(second.orgId, org.id)

    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/orders/${first.orderNo}/approve`), reviewer).withCsrfToken()
    const { csrPem } = await opensslCsr(2048, '/CN=Somebody Else')
    const made = await asApplicant(client.post(`/orders/${first.orderNo}/make`), member)
      .withCsrfToken()
      .form({ csr: csrPem })
      .redirects(0)
    made.assertStatus(302)
    const certificate = await Certificate.query().where('order_no', first.orderNo).firstOrFail()
    assert.equal(certificate.orgId, org.id)
    const pem = await asApplicant(client.get(`/certificates/${certificate.id}/download/pem`), admin)
    const subject = await subjectOf(pem.text())
    assert.include(subject, `O=${org.name}`)
    assert.include(subject, org.uscc)
    assert.notInclude(subject, 'Somebody Else')
  })

  test('每个机构限办一张: a second order of the product for the org is refused with the reason', async ({
    client,
    assert,
  }) => {
    const { enterprise, admin, member, colleague, memberships, adminMembership } =
      await orgWithProducts()
    /* two drafts side by side: the second cannot be submitted once the first is */
    const first = await fillForOrg(client, member, memberships[0].id, enterprise, 'cloud')
    const second = await fillForOrg(client, admin, adminMembership.id, enterprise, 'cloud')
    await asApplicant(client.post(`/orders/${first.orderNo}/apply/confirm`), member).withCsrfToken()
    const refused = await asApplicant(client.post(`/orders/${second.orderNo}/apply/confirm`), admin)
      .withCsrfToken()
      .redirects(0)
    assert.include(JSON.stringify(refused.flashMessages()), '每个机构限办一张')
    await second.refresh()
    assert.equal(second.status, 'draft')

    /* two drafts submitted at once (the first one cancelled): exactly one goes through */
    await asApplicant(client.post(`/orders/${first.orderNo}/cancel`), member)
      .withCsrfToken()
      .form({ cancel_reason: '重新办理' })
    const third = await fillForOrg(client, colleague, memberships[1].id, enterprise, 'cloud')
    const both = await Promise.all(
      [
        [second, admin],
        [third, colleague],
      ].map(([draft, person]) =>
        asApplicant(
          client.post(`/orders/${(draft as Order).orderNo}/apply/confirm`),
          person as User
        )
          .withCsrfToken()
          .redirects(0)
      )
    )
    const statuses = await Promise.all([second, third].map(async (o) => (await o.refresh()).status))
    assert.sameMembers(statuses, ['draft', 'pending_payment'])
    assert.lengthOf(
      both.filter((r) => JSON.stringify(r.flashMessages()).includes('每个机构限办一张')),
      1
    )

    const again = await asApplicant(client.post('/apply'), admin)
      .withSession(acting(adminMembership.id))
      .withCsrfToken()
      .form({ product_id: enterprise.cloud.id, years: '1' })
      .redirects(0)
    assert.include(
      (again.flashMessages().inputErrorsBag as any).product_id[0],
      '本机构已有“单位移动证书”的有效证书或未完成的订单'
    )
  })
})

test.group('Enterprise certificates · authorisation', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('org B’s members get 404 on org A’s order and certificate; a removed 经办人 loses access at once', async ({
    client,
    assert,
  }) => {
    const { enterprise, member, memberships, org } = await orgWithProducts()
    const outsider = await verifiedUser('赵外人')
    const otherAdmin = await verifiedUser('钱其他')
    await claimedOrg(otherAdmin, { members: [outsider] })
    const draft = await fillForOrg(client, member, memberships[0].id, enterprise, 'cloud')
    await asApplicant(client.post(`/orders/${draft.orderNo}/apply/confirm`), member).withCsrfToken()

    for (const stranger of [outsider, otherAdmin]) {
      ;(await asApplicant(client.get(`/orders/${draft.orderNo}`), stranger)).assertStatus(404)
      const cancel = await asApplicant(client.post(`/orders/${draft.orderNo}/cancel`), stranger)
        .withCsrfToken()
        .form({ cancel_reason: '不要了' })
      cancel.assertStatus(404)
      await asApplicant(client.post('/payments'), stranger)
        .withCsrfToken()
        .form({ order_no: draft.orderNo, method: 'sandbox' })
      assert.lengthOf(await Payment.query().where('order_no', draft.orderNo), 0)
      const list = await asApplicant(client.get('/orders'), stranger)
      assert.notInclude(list.text(), draft.orderNo)
    }
    await draft.refresh()
    assert.equal(draft.status, 'pending_payment')

    await payWithSandbox(client, member, draft.orderNo)
    await runQueuedJobs()
    const reviewer = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/orders/${draft.orderNo}/approve`), reviewer).withCsrfToken()
    await runQueuedJobs()
    const certificate = await Certificate.query().where('order_no', draft.orderNo).firstOrFail()
    for (const stranger of [outsider, otherAdmin]) {
      const show = await asApplicant(client.get(`/certificates/${certificate.id}`), stranger)
      show.assertStatus(404)
      const pem = await asApplicant(
        client.get(`/certificates/${certificate.id}/download/pem`),
        stranger
      )
      pem.assertStatus(404)
      const list = await asApplicant(client.get('/certificates'), stranger)
      assert.notInclude(list.text(), '单位移动证书')
    }

    /* removed from the org: the order and the certificate are gone for them at once */
    memberships[0].status = 'removed'
    await memberships[0].save()
    ;(await asApplicant(client.get(`/orders/${draft.orderNo}`), member)).assertStatus(404)
    ;(await asApplicant(client.get(`/certificates/${certificate.id}`), member)).assertStatus(404)
    const list = await asApplicant(client.get('/certificates'), member)
    assert.notInclude(list.text(), '单位移动证书')
    assert.equal(certificate.orgId, org.id)
  })
})
