import { test } from '@japa/runner'
import Membership from '#orgs/models/membership'
import OrgApplication from '#orgs/models/org_application'
import Message from '#core/messages/message'
import { asApplicant } from '#tests/helpers/auth'
import { createUser } from '#tests/helpers/factories'
import { fieldErrors, flash, smsTo } from '#tests/functional/accounts/helpers'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'

/**
 * 加入 through HTTP: by verifying the admin (name + last 4 digits of the
 * phone) or by an application the admin approves or 退回 in 审核管理
 * (加入企业 / 用章权限 / 退出企业); the applicant is told by SMS and
 * message; a member cannot do what only admins do; leaving ends access.
 */
test.group('Orgs · join', () => {
  test('verifying the admin (name + last 4 digits) makes a member at once', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser('苏管理')
    const { org } = await claimedOrg(admin)
    const user = await verifiedUser('钱七')
    const page = await asApplicant(client.get(`/orgs/join?uscc=${org.uscc}`), user)
    assert.include(page.text(), '验证管理员信息')
    const response = await asApplicant(client.post('/orgs/join/verify'), user)
      .withCsrfToken()
      .form({ uscc: org.uscc, admin_name: '苏管理', phone_last4: admin.phone.slice(-4) })
      .redirects(0)
    response.assertHeader('location', `/orgs/${org.id}`)
    const membership = await Membership.query()
      .where('org_id', org.id)
      .where('user_id', user.id)
      .firstOrFail()
    assert.equal(membership.role, 'member')
    assert.isOk(
      await Message.query().where('user_id', admin.id).where('title', '新成员加入机构').first()
    )
  })

  test('a wrong admin name or phone is refused; the sixth try in an hour is refused outright', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser('苏管理')
    const { org } = await claimedOrg(admin)
    const user = await verifiedUser()
    const wrongLast4 = admin.phone.slice(-4) === '0000' ? '1111' : '0000'
    const attempt = () =>
      asApplicant(client.post('/orgs/join/verify'), user)
        .withCsrfToken()
        .form({ uscc: org.uscc, admin_name: '苏管理', phone_last4: wrongLast4 })
        .redirects(0)
    const first = await attempt()
    assert.include(fieldErrors(first).admin_name[0], '管理员姓名或手机号后四位不正确')
    for (let i = 0; i < 4; i++) await attempt()
    const sixth = await asApplicant(client.post('/orgs/join/verify'), user)
      .withCsrfToken()
      .form({ uscc: org.uscc, admin_name: '苏管理', phone_last4: admin.phone.slice(-4) })
      .redirects(0)
    assert.include(fieldErrors(sixth).admin_name[0], '验证次数过多')
    assert.isNull(
      await Membership.query().where('org_id', org.id).where('user_id', user.id).first()
    )
  })

  test('an application with a reason; the admin approves in 审核管理; SMS and message', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser('苏管理')
    const { org } = await claimedOrg(admin)
    const user = await verifiedUser('孙八')
    const applied = await asApplicant(client.post('/orgs/join/apply'), user)
      .withCsrfToken()
      .form({ uscc: org.uscc, reason: '本单位投标专员，需要办理单位证书' })
      .redirects(0)
    applied.assertHeader('location', '/orgs/history')
    const application = await OrgApplication.query().where('user_id', user.id).firstOrFail()
    assert.equal(application.status, 'pending')

    const list = await asApplicant(
      client.get(`/orgs/${org.id}/approvals?tab=join&state=pending`),
      admin
    )
    assert.include(list.text(), '加入企业')
    assert.include(list.text(), '用章权限')
    assert.include(list.text(), '退出企业')
    assert.include(list.text(), '孙*')
    const detail = await asApplicant(
      client.get(`/orgs/${org.id}/approvals/${application.id}`),
      admin
    )
    for (const label of ['申请时间', '企业名称', '信用代码', '所属地域', '审批类型', '审核状态']) {
      assert.include(detail.text(), label)
    }
    await asApplicant(client.post(`/orgs/${org.id}/approvals/${application.id}/approve`), admin)
      .withCsrfToken()
      .form({})
      .redirects(0)
    await application.refresh()
    assert.equal(application.status, 'approved')
    assert.isOk(
      await Membership.query()
        .where('org_id', org.id)
        .where('user_id', user.id)
        .where('status', 'active')
        .first()
    )
    const sms = await smsTo(user.phone)
    assert.isTrue(sms.some((m: any) => m.content.includes('已审核通过')))
    assert.isOk(
      await Message.query().where('user_id', user.id).where('title', '加入企业申请已通过').first()
    )
    const approved = await asApplicant(
      client.get(`/orgs/${org.id}/approvals?tab=join&state=approved`),
      admin
    )
    assert.include(approved.text(), '已审核')
  })

  test('退回 with a 驳回类型 and a description; the applicant is told why', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser('苏管理')
    const { org } = await claimedOrg(admin)
    const user = await verifiedUser()
    await asApplicant(client.post('/orgs/join/apply'), user)
      .withCsrfToken()
      .form({ uscc: org.uscc, reason: '申请加入' })
    const application = await OrgApplication.query().where('user_id', user.id).firstOrFail()
    const empty = await asApplicant(
      client.post(`/orgs/${org.id}/approvals/${application.id}/reject`),
      admin
    )
      .withCsrfToken()
      .form({ reason_type: 'not_staff', review_reason: '' })
      .redirects(0)
    assert.property(fieldErrors(empty), 'review_reason')
    const long = await asApplicant(
      client.post(`/orgs/${org.id}/approvals/${application.id}/reject`),
      admin
    )
      .withCsrfToken()
      .form({ reason_type: 'not_staff', review_reason: '长'.repeat(501) })
      .redirects(0)
    assert.include(fieldErrors(long).review_reason[0], '500')
    await asApplicant(client.post(`/orgs/${org.id}/approvals/${application.id}/reject`), admin)
      .withCsrfToken()
      .form({ reason_type: 'not_staff', review_reason: '经核实非本单位员工' })
      .redirects(0)
    await application.refresh()
    assert.equal(application.status, 'rejected')
    assert.equal(application.reviewReasonType, 'not_staff')
    const sms = await smsTo(user.phone)
    assert.isTrue(sms.some((m: any) => m.content.includes('非本单位人员：经核实非本单位员工')))
    assert.isNull(
      await Membership.query().where('org_id', org.id).where('user_id', user.id).first()
    )
  })

  test('a join reason over 500 characters is refused at its field', async ({ client, assert }) => {
    const admin = await verifiedUser()
    const { org } = await claimedOrg(admin)
    const user = await verifiedUser()
    const response = await asApplicant(client.post('/orgs/join/apply'), user)
      .withCsrfToken()
      .form({ uscc: org.uscc, reason: '理'.repeat(501) })
      .redirects(0)
    assert.include(fieldErrors(response).reason[0], '500')
    assert.equal(flash(response, 'reason'), '理'.repeat(501), 'the reason typed is kept')
    assert.lengthOf(await OrgApplication.query().where('user_id', user.id), 0)
  })

  test('a second pending application, a member applying, an unverified person: refused', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const member = await verifiedUser()
    const { org } = await claimedOrg(admin, { members: [member] })
    const user = await verifiedUser()
    const apply = (who: any) =>
      asApplicant(client.post('/orgs/join/apply'), who)
        .withCsrfToken()
        .form({ uscc: org.uscc, reason: '申请加入' })
        .redirects(0)
    await apply(user)
    assert.include(flash(await apply(user), 'error'), '请等待管理员审核')
    assert.include(flash(await apply(member), 'error'), '已是该机构成员')
    assert.include(flash(await apply(await createUser()), 'error'), '实名认证')
  })
})

test.group('Orgs · members and admins', () => {
  test('a member trying admin actions is refused (403) and nothing changes', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const member = await verifiedUser()
    const { org, adminMembership } = await claimedOrg(admin, { members: [member] })
    const other = await verifiedUser('周九')
    const pages = [
      `/orgs/${org.id}/approvals`,
      `/orgs/${org.id}/transfer`,
      `/orgs/${org.id}/deregister`,
      `/orgs/${org.id}/members/${adminMembership.id}/remove`,
    ]
    for (const url of pages) {
      const response = await asApplicant(client.get(url), member)
      assert.equal(response.status(), 403, url)
      assert.include(response.text(), '仅机构管理员可以进行此操作')
    }
    const add = await asApplicant(client.post(`/orgs/${org.id}/members`), member)
      .withCsrfToken()
      .form({ name: '周九', phone: other.phone, role: 'member' })
      .redirects(0)
    assert.include(flash(add, 'error'), '仅机构管理员')
    const remove = await asApplicant(
      client.post(`/orgs/${org.id}/members/${adminMembership.id}/remove`),
      member
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.include(flash(remove, 'error'), '仅机构管理员')
    await adminMembership.refresh()
    assert.equal(adminMembership.status, 'active')
    assert.isNull(
      await Membership.query().where('org_id', org.id).where('user_id', other.id).first()
    )
  })

  test('the admin adds a verified person by name and phone, searches, and removes them after confirming', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const { org } = await claimedOrg(admin)
    const person = await verifiedUser('吴十')
    const wrong = await asApplicant(client.post(`/orgs/${org.id}/members`), admin)
      .withCsrfToken()
      .form({ name: '吴九', phone: person.phone, role: 'member' })
      .redirects(0)
    assert.include(fieldErrors(wrong).phone[0], '姓名与实名信息不一致')
    await asApplicant(client.post(`/orgs/${org.id}/members`), admin)
      .withCsrfToken()
      .form({ name: '吴十', phone: person.phone, role: 'member' })
      .redirects(0)
    const membership = await Membership.query()
      .where('org_id', org.id)
      .where('user_id', person.id)
      .firstOrFail()
    const search = await asApplicant(
      client.get(`/orgs/${org.id}/members?q=${person.phone.slice(-4)}`),
      admin
    )
    assert.include(search.text(), '吴*')
    const confirm = await asApplicant(
      client.get(`/orgs/${org.id}/members/${membership.id}/remove`),
      admin
    )
    assert.include(confirm.text(), '确认移除')
    await asApplicant(client.post(`/orgs/${org.id}/members/${membership.id}/remove`), admin)
      .withCsrfToken()
      .form({})
      .redirects(0)
    await membership.refresh()
    assert.equal(membership.status, 'removed')
    const gone = await asApplicant(client.get(`/orgs/${org.id}`), person)
    gone.assertStatus(404)
  })

  test('a member applies to leave; once approved they lose access at once (and their acting identity)', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const member = await verifiedUser()
    const { org, memberships } = await claimedOrg(admin, { members: [member] })
    const switched = await asApplicant(client.post('/orgs/identity'), member)
      .withCsrfToken()
      .form({ identity: memberships[0].id })
      .redirects(0)
    assert.include(flash(switched, 'success'), org.name)

    await asApplicant(client.post(`/orgs/${org.id}/leave`), member)
      .withCsrfToken()
      .form({ reason: '离职' })
      .redirects(0)
    const application = await OrgApplication.query()
      .where('user_id', member.id)
      .where('type', 'leave')
      .firstOrFail()
    const still = await asApplicant(client.get(`/orgs/${org.id}`), member)
    still.assertStatus(200)
    await asApplicant(client.post(`/orgs/${org.id}/approvals/${application.id}/approve`), admin)
      .withCsrfToken()
      .form({})
    await memberships[0].refresh()
    assert.equal(memberships[0].status, 'left')
    const after = await asApplicant(client.get(`/orgs/${org.id}`), member)
    after.assertStatus(404)
    const members = await asApplicant(client.get(`/orgs/${org.id}/members`), member)
    members.assertStatus(404)
  })

  test('the last admin cannot leave', async ({ client, assert }) => {
    const admin = await verifiedUser()
    const { org } = await claimedOrg(admin)
    const response = await asApplicant(client.post(`/orgs/${org.id}/leave`), admin)
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.include(flash(response, 'error'), '至少需要一名管理员')
  })
})
