import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import SmsMessage from '#core/sms/sms_message'
import Order from '#orders/models/order'
import Org from '#orgs/models/org'
import Certificate from '#certificates/models/certificate'
import { NEW_LETTER_MATERIAL_ID } from '#orders/actions/services'
import { ACTING_SESSION_KEY } from '#orgs/queries/acting'
import { INITIAL_PIN_PURPOSE, sendInitialPin } from '#certificates/actions/initial_pin'
import { runQueuedJobs } from '#core/queue/jobs'
import { armFault, armedFaults, disarmFaults } from '#core/fault_points'
import { createStaff } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeImage } from '#tests/helpers/files'
import { ensureCa } from '#tests/unit/issuance/support'
import { opensslStatus } from '#tests/functional/certificates/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { catalogFixture, enterpriseFixture, payWithSandbox } from './support.js'
import { holderOfProduct, walkServiceOrder } from './service_support.js'

/**
 * Issue 11 #4: an org's certificate is renewed, changed and reissued
 * acting for the org (切换身份), through HTTP: the order belongs to the
 * org, its renewal is reviewed (the product's default for orgs), a new
 * 被授权人 who is not the legal representative uploads a new 授权委托书,
 * 变更 takes the org's name as 机构变更 left it. Org B and the person
 * acting as 自然人 cannot.
 */
async function orgCertificate(options: { days?: number } = {}) {
  const catalog = await catalogFixture()
  const enterprise = await enterpriseFixture(catalog.platform.id)
  const admin = await verifiedUser('苏管理')
  const member = await verifiedUser('李员工')
  const { org, adminMembership, memberships } = await claimedOrg(admin, { members: [member] })
  /* the member applied for it as the org's 被授权人 */
  const holder = await holderOfProduct(enterprise.cloud, enterprise.cloudMaterial.id, {
    user: member,
    org,
    days: options.days ?? 30,
  })
  return {
    ...enterprise,
    org,
    admin,
    member,
    adminMembership,
    memberMembership: memberships[0],
    certificate: holder.certificate,
  }
}

const acting = (membershipId: string) => ({ [ACTING_SESSION_KEY]: membershipId })

function approve(client: any, orderNo: string, reviewer: any) {
  return asStaff(client.post(`/admin/orders/${orderNo}/approve`), reviewer).withCsrfToken()
}

async function submit(client: any, user: any, orderNo: string) {
  const response = await asApplicant(client.post(`/orders/${orderNo}/apply/confirm`), user)
    .withCsrfToken()
    .form({})
    .redirects(0)
  const flash = response.flashMessages()
  if (flash?.error || flash?.inputErrorsBag)
    throw new Error(`submit refused: ${JSON.stringify(flash)}`)
}

test.group('Org certificates · 更新, 变更, 补办 acting for the org', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  test('renewal by the org admin as the new 被授权人: a new 授权委托书, paid, reviewed, issued to the org; acting as 自然人 or for org B refused', async ({
    client,
    assert,
  }) => {
    const f = await orgCertificate()
    const url = `/services/renew/${f.certificate.id}`

    /* as 自然人: told to switch identity; the pick page lists only own certificates */
    const asPerson = await asApplicant(client.get(url), f.admin)
    assert.equal(asPerson.status(), 409)
    assert.include(asPerson.text(), '请先在“切换身份”中选择该机构后办理')
    const pickAsPerson = await asApplicant(client.get('/services/renew'), f.admin)
    assert.notInclude(pickAsPerson.text(), f.certificate.id)
    const pickAsOrg = await asApplicant(client.get('/services/renew'), f.admin).withSession(
      acting(f.adminMembership.id)
    )
    assert.include(pickAsOrg.text(), f.certificate.id)

    /* org B's admin, acting for org B: not found */
    const otherAdmin = await verifiedUser('周别家')
    const other = await claimedOrg(otherAdmin)
    const foreign = await asApplicant(client.get(url), otherAdmin).withSession(
      acting(other.adminMembership.id)
    )
    foreign.assertStatus(404)
    const foreignStart = await asApplicant(client.post(url), otherAdmin)
      .withSession(acting(other.adminMembership.id))
      .withCsrfToken()
      .form({ bid_warning: '1' })
    foreignStart.assertStatus(404)

    /* acting for the org: the rules page, then the order without the new letter */
    const rules = await asApplicant(client.get(url), f.admin).withSession(
      acting(f.adminMembership.id)
    )
    rules.assertStatus(200)
    const order = await walkServiceOrder(
      client,
      f.admin,
      'renew',
      f.certificate.id,
      f.cloudMaterial.id,
      { acting: f.adminMembership.id }
    )
    assert.equal(order.orgId, f.org.id)
    assert.equal(order.subjectType, 'org')
    assert.isTrue(order.reviewRequired, 'an org’s renewal is reviewed')
    assert.equal(order.handlerName, '苏管理')
    assert.equal(order.handlerIdNumber, f.admin.realIdNumber)
    assert.equal(order.serviceDetails?.formerHandlerName, '李员工')
    assert.notEqual(order.wizardStep, 'delivery', 'the materials step is not done yet')
    const materials = await asApplicant(
      client.get(`/orders/${order.orderNo}/apply/materials`),
      f.admin
    )
    assert.include(materials.text(), '授权委托书（新被授权人）')

    await asApplicant(client.post(`/orders/${order.orderNo}/apply/materials`), f.admin)
      .withCsrfToken()
      .field('intent', 'next')
      .file(`material_${NEW_LETTER_MATERIAL_ID}`, await makeImage('jpg', 40 * 1024))
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/delivery`), f.admin)
      .withCsrfToken()
      .form({ delivery_method: 'online_install' })
    const confirm = await asApplicant(client.get(`/orders/${order.orderNo}/apply/confirm`), f.admin)
    assert.include(confirm.text(), '已更换（原被授权人 李员工）')
    assert.include(confirm.text(), '支付后由工作人员审核')

    await submit(client, f.admin, order.orderNo)
    await payWithSandbox(client, f.admin, order.orderNo)
    await order.refresh()
    assert.equal(order.status, 'pending_review')

    const reviewer = await createStaff(['reviewer'])
    const review = await asStaff(client.get(`/admin/orders/${order.orderNo}`), reviewer)
    assert.include(review.text(), '授权委托书（新被授权人）')
    await approve(client, order.orderNo, reviewer)
    await order.refresh()
    assert.equal(order.status, 'completed')

    const renewed = await Certificate.query().where('order_no', order.orderNo).firstOrFail()
    assert.equal(renewed.orgId, f.org.id)
    assert.equal(renewed.userId, f.admin.id, 'the new 被授权人 holds the renewed certificate')
    assert.equal(renewed.replacesId, f.certificate.id)
    assert.equal(renewed.subjectOrgName, f.org.name)
    assert.include((await opensslStatus(f.certificate.serial)).ocsp, ': revoked')
    /* the org's other admin views see it; org B's admin does not */
    const list = await asApplicant(client.get('/certificates'), f.admin)
    assert.include(list.text(), renewed.id)
    const foreignList = await asApplicant(client.get(`/certificates/${renewed.id}`), otherAdmin)
    foreignList.assertStatus(404)

    /* the former 被授权人, still a member (not admin): their old row is gone from 我的证书 */
    const formerList = await asApplicant(client.get('/certificates'), f.member)
    assert.notInclude(formerList.text(), f.certificate.id)
    assert.notInclude(formerList.text(), renewed.id)
    const formerOld = await asApplicant(client.get(`/certificates/${f.certificate.id}`), f.member)
    formerOld.assertStatus(404)
    const formerNew = await asApplicant(client.get(`/certificates/${renewed.id}`), f.member)
    formerNew.assertStatus(404)
    /* the admin still sees the replaced certificate (its history) */
    const adminOld = await asApplicant(client.get(`/certificates/${f.certificate.id}`), f.admin)
    adminOld.assertStatus(200)
  })

  test('变更 after 机构变更: the new certificate carries the org’s new name; the same 被授权人 needs no new letter; unchanged org refused', async ({
    client,
    assert,
  }) => {
    const f = await orgCertificate({ days: 200 })
    const unchanged = await asApplicant(
      client.post(`/services/change/${f.certificate.id}`),
      f.member
    )
      .withSession(acting(f.memberMembership.id))
      .withCsrfToken()
      .form({ bid_warning: '1' })
      .redirects(0)
    assert.include(JSON.stringify(unchanged.flashMessages()), '机构信息未发生变更')

    await Org.query().where('id', f.org.id).update({ name: '示例新名称科技有限公司' })
    const order = await walkServiceOrder(
      client,
      f.member,
      'change',
      f.certificate.id,
      f.cloudMaterial.id,
      { acting: f.memberMembership.id }
    )
    assert.equal(order.subjectOrgName, '示例新名称科技有限公司')
    assert.isUndefined(order.serviceDetails?.formerHandlerName)
    assert.notInclude(
      order.productSnapshot.materials.map((m) => m.id),
      NEW_LETTER_MATERIAL_ID
    )
    await submit(client, f.member, order.orderNo)
    await order.refresh()
    assert.equal(order.status, 'pending_review', 'a free change is still reviewed')
    await approve(client, order.orderNo, await createStaff(['reviewer']))
    const changed = await Certificate.query().where('order_no', order.orderNo).firstOrFail()
    assert.equal(changed.subjectOrgName, '示例新名称科技有限公司')
    const issued = await db.from('issued_certificates').where('serial', changed.serial).first()
    assert.equal(issued.subject_org, '示例新名称科技有限公司')
    const old = await opensslStatus(f.certificate.serial)
    assert.include(old.ocsp, 'affiliationChanged')
  })

  test('cloud 补办 of an org’s certificate: new keys, their PIN by SMS to the legal representative — by a job of the issuance, once, even when the process dies right after the commit', async ({
    client,
    assert,
  }) => {
    const f = await orgCertificate({ days: 200 })
    const order = await walkServiceOrder(
      client,
      f.member,
      'reissue',
      f.certificate.id,
      f.cloudMaterial.id,
      { acting: f.memberMembership.id }
    )
    await submit(client, f.member, order.orderNo)
    const org = await Org.findOrFail(f.org.id)
    const pinSms = () =>
      SmsMessage.query()
        .where('purpose', INITIAL_PIN_PURPOSE)
        .whereLike('content', `%${order.orderNo}%`)

    /* the approval issues, commits, and the process dies before anything else */
    armFault('orders.issue.after_commit')
    await approve(client, order.orderNo, await createStaff(['reviewer']))
    assert.deepEqual(armedFaults(), [], 'the fault was hit')
    await order.refresh()
    assert.equal(order.status, 'completed')
    const reissued = await Certificate.query().where('order_no', order.orderNo).firstOrFail()
    assert.notEqual(reissued.credentialId, f.certificate.credentialId)
    assert.lengthOf(await pinSms(), 0, 'nothing sent yet')
    const [job] = await db
      .from('queue_jobs')
      .whereLike('dedup_id', `%initial-pin:${order.orderNo}%`)
      .select('data')
    assert.exists(job, 'the SMS was enqueued with the issuance')
    const payload = JSON.parse(job.data).payload

    /* the job runner sends it: to the legal representative, once */
    await runQueuedJobs()
    await runQueuedJobs()
    const sent = await pinSms()
    assert.lengthOf(sent, 1)
    assert.equal(sent[0].phone, org.legalRepPhone)
    assert.notEqual(sent[0].phone, f.member.phone)
    const pin = /PIN 码为 (\d{6})/.exec(sent[0].content)![1]
    assert.notInclude(job.data, pin, 'the PIN rides in the job encrypted')
    /* the job run again (its process died after the SMS): nothing more */
    await sendInitialPin(payload)
    assert.lengthOf(await pinSms(), 1)
    assert.lengthOf(
      await Order.query().where('org_id', f.org.id).where('service_type', 'reissue'),
      1
    )
  })
})
