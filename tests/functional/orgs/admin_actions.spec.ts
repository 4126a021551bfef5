import db from '@adonisjs/lucid/services/db'
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import Org from '#orgs/models/org'
import Membership from '#orgs/models/membership'
import OrgApplication from '#orgs/models/org_application'
import AuditLog from '#core/audit/audit_log'
import {
  registerOrgDeregistrationCheck,
  unregisterOrgDeregistrationCheck,
} from '#orgs/actions/deregistration'
import { asApplicant } from '#tests/helpers/auth'
import { flash, lastCode } from '#tests/functional/accounts/helpers'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'

/**
 * Authorisation (org A's people get 404 on every page and action of org
 * B, guessed ids included), 切换身份 shown on every page, the consent
 * code only for an org's admin (管理员移交 is transfers.spec.ts), and 机构注销 (blocked while a higher
 * module reports an active certificate).
 */
test.group('Orgs · authorisation', () => {
  test('a member or admin of org A gets 404 on every org B page and action, and on guessed ids', async ({
    client,
    assert,
  }) => {
    const adminA = await verifiedUser()
    const memberA = await verifiedUser()
    await claimedOrg(adminA, { members: [memberA] })
    const adminB = await verifiedUser()
    const memberB = await verifiedUser()
    const { org: orgB, memberships } = await claimedOrg(adminB, { members: [memberB] })
    const application = await OrgApplication.create({
      requestNo: String(Date.now()).padStart(19, '0'),
      orgId: orgB.id,
      userId: memberB.id,
      type: 'leave',
      reason: null,
      status: 'pending',
    } as any)
    const b = orgB.id
    const m = memberships[0].id
    const a = application.id
    const gets = [
      `/orgs/${b}`,
      `/orgs/${b}/licence`,
      `/orgs/${b}/members`,
      `/orgs/${b}/members/${m}/remove`,
      `/orgs/${b}/leave`,
      `/orgs/${b}/transfer`,
      `/orgs/${b}/deregister`,
      `/orgs/${b}/approvals`,
      `/orgs/${b}/approvals/${a}`,
      `/orgs/${randomUUID()}`,
      `/orgs/${randomUUID()}/members`,
      '/orgs/1/members',
      `/orgs/claims/${randomUUID()}`,
    ]
    const posts = [
      `/orgs/${b}/members`,
      `/orgs/${b}/members/${m}/remove`,
      `/orgs/${b}/leave`,
      `/orgs/${b}/seal`,
      `/orgs/${b}/transfer`,
      `/orgs/${b}/deregister`,
      `/orgs/${b}/approvals/${a}/approve`,
      `/orgs/${b}/approvals/${a}/reject`,
      `/orgs/claims/${randomUUID()}/deposit`,
    ]
    for (const user of [adminA, memberA]) {
      for (const url of gets) {
        const response = await asApplicant(client.get(url), user)
        assert.equal(response.status(), 404, `GET ${url}`)
      }
      for (const url of posts) {
        const response = await asApplicant(client.post(url), user)
          .withCsrfToken()
          .form({
            name: '某人',
            phone: adminA.phone,
            role: 'admin',
            reason: 'x',
            sms_code: '123456',
            membership_id: m,
            reason_type: 'other',
            review_reason: '退回原因',
            deposit_code: '123456',
          })
          .redirects(0)
        assert.equal(response.status(), 404, `POST ${url}`)
      }
      const identity = await asApplicant(client.post('/orgs/identity'), user)
        .withCsrfToken()
        .form({ identity: m })
        .redirects(0)
      assert.equal(identity.status(), 404, 'switching to another org’s membership')
    }
    await application.refresh()
    assert.equal(application.status, 'pending')
    await memberships[0].refresh()
    assert.equal(memberships[0].status, 'active')
  })

  test('org A’s admin cannot decide org B’s application through org A’s own pages', async ({
    client,
    assert,
  }) => {
    const adminA = await verifiedUser()
    const { org: orgA } = await claimedOrg(adminA)
    const adminB = await verifiedUser()
    const memberB = await verifiedUser()
    const { org: orgB, memberships } = await claimedOrg(adminB, { members: [memberB] })
    const application = await OrgApplication.create({
      requestNo: String(Date.now() + 1).padStart(19, '0'),
      orgId: orgB.id,
      userId: memberB.id,
      type: 'leave',
      status: 'pending',
    } as any)
    const show = await asApplicant(
      client.get(`/orgs/${orgA.id}/approvals/${application.id}`),
      adminA
    )
    show.assertStatus(404)
    const approve = await asApplicant(
      client.post(`/orgs/${orgA.id}/approvals/${application.id}/approve`),
      adminA
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    approve.assertStatus(404)
    const remove = await asApplicant(
      client.post(`/orgs/${orgA.id}/members/${memberships[0].id}/remove`),
      adminA
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    remove.assertStatus(404)
    await application.refresh()
    assert.equal(application.status, 'pending')
  })
})

test.group('Orgs · 切换身份', () => {
  test('a person of two orgs switches identity; every page shows it; removal falls back to 自然人', async ({
    client,
    assert,
  }) => {
    const person = await verifiedUser('郑十一')
    const adminA = await verifiedUser()
    const adminB = await verifiedUser()
    const { org: orgA, memberships: inA } = await claimedOrg(adminA, { members: [person] })
    const { org: orgB, memberships: inB } = await claimedOrg(adminB, { members: [person] })
    const page = await asApplicant(client.get('/orgs/identity'), person)
    assert.include(page.text(), orgA.name)
    assert.include(page.text(), orgB.name)
    assert.include(page.text(), '当前身份：<strong>自然人</strong>')

    const switched = await asApplicant(client.post('/orgs/identity'), person)
      .withCsrfToken()
      .form({ identity: inB[0].id })
      .redirects(0)
    const session = switched.session()
    assert.equal(session['orgs_acting'], inB[0].id)
    const home = await asApplicant(client.get('/'), person).withSession(session)
    assert.include(home.text(), `当前身份：<strong>${orgB.name} · 员工</strong>`)

    inB[0].merge({ status: 'removed' })
    await inB[0].save()
    const after = await asApplicant(client.get('/'), person).withSession(session)
    assert.include(after.text(), '当前身份：<strong>自然人</strong>')
    void inA
    const audit = await AuditLog.query()
      .where('action', 'orgs.identity.switch')
      .where('subject_id', person.id)
    assert.lengthOf(audit, 1)
  })
})

test.group('Orgs · consent codes and deregistration', () => {
  test('nobody but an admin of the org can have a consent code sent to its legal representative', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const { org } = await claimedOrg(admin)
    const stranger = await verifiedUser()
    const response = await asApplicant(client.post('/sms/codes'), stranger)
      .withCsrfToken()
      .json({ purpose: 'orgs_consent', phone: org.legalRepPhone })
    assert.notEqual(response.status(), 200)
    const consentCodes = () =>
      db
        .from('sms_messages')
        .where('phone', org.legalRepPhone!)
        .where('purpose', 'code:orgs_consent')
    assert.lengthOf(await consentCodes(), 0, 'no code reached the legal representative')

    /* the same request by the org's admin is sent: the refusal above was the authorisation */
    const byAdmin = await asApplicant(client.post('/sms/codes'), admin)
      .withCsrfToken()
      .json({ purpose: 'orgs_consent', phone: org.legalRepPhone })
    byAdmin.assertStatus(200)
    assert.lengthOf(await consentCodes(), 1)
  })

  test('deregistration is blocked while a module reports an active certificate, then done with consent', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const member = await verifiedUser()
    const { org, memberships } = await claimedOrg(admin, { members: [member] })
    registerOrgDeregistrationCheck('test-certificates', async (orgId) =>
      orgId === org.id ? '该机构有 1 张有效证书，请先注销证书' : null
    )
    try {
      const page = await asApplicant(client.get(`/orgs/${org.id}/deregister`), admin)
      assert.include(page.text(), '暂不能注销')
      const blocked = await asApplicant(client.post(`/orgs/${org.id}/deregister`), admin)
        .withCsrfToken()
        .form({ sms_code: '123456' })
        .redirects(0)
      assert.include(flash(blocked, 'error'), '有效证书')
      assert.equal((await Org.findOrFail(org.id)).status, 'claimed')
    } finally {
      unregisterOrgDeregistrationCheck('test-certificates')
    }
    await asApplicant(client.post(`/orgs/${org.id}/deregister`), admin)
      .withCsrfToken()
      .form({ intent: 'send_code' })
      .redirects(0)
    const code = await lastCode(org.legalRepPhone!, 'orgs_consent')
    const done = await asApplicant(client.post(`/orgs/${org.id}/deregister`), admin)
      .withCsrfToken()
      .form({ sms_code: code })
      .redirects(0)
    done.assertHeader('location', '/orgs')
    assert.equal((await Org.findOrFail(org.id)).status, 'deregistered')
    await memberships[0].refresh()
    assert.equal(memberships[0].status, 'removed')
    const gone = await asApplicant(client.get(`/orgs/${org.id}`), member)
    gone.assertStatus(404)
    assert.lengthOf(await Membership.query().where('org_id', org.id).where('status', 'active'), 0)
  })
})
