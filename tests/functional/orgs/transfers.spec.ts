import { test } from '@japa/runner'
import sharp from 'sharp'
import { DateTime } from 'luxon'
import type { ApiClient } from '@japa/api-client'
import AuditLog from '#core/audit/audit_log'
import { armFault, armedFaults, disarmFaults } from '#core/fault_points'
import { runQueuedJobs } from '#core/queue/jobs'
import type User from '#accounts/models/user'
import Membership from '#orgs/models/membership'
import OrgTransfer from '#orgs/models/org_transfer'
import { completeTransfer } from '#orgs/actions/transfers'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff } from '#tests/helpers/factories'
import { makeImage } from '#tests/helpers/files'
import { fieldErrors, flash, lastCode, smsTo } from '#tests/functional/accounts/helpers'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { assertNothingLeft, backoffPassed } from '#tests/functional/orders/crash_support'

/**
 * 管理员移交 through HTTP (数信签 §8.4): the admin picks a member; the
 * legal representative gets a one-time link by SMS, opens it on their own
 * phone without an account, confirms the SMS code and signs; only then
 * the member is admin and the old admin 员工. Refusals in Chinese: the
 * link expired, used, withdrawn, another org's; a wrong SMS code; no
 * signature. The signature is kept with the transfer and shown to the
 * org's admins and to staff only. A crash between the consent and the
 * roles: the job finishes it, once. The on-device path stays for an admin
 * who is the legal representative.
 */
async function drawnSignature() {
  const png = await sharp({
    create: { width: 300, height: 120, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } },
  })
    .png()
    .toBuffer()
  return `data:image/png;base64,${png.toString('base64')}`
}

/** an org whose admin is not the legal representative, with one member */
async function orgWithMember() {
  const admin = await verifiedUser('苏管理')
  const member = await verifiedUser('李员工')
  const setup = await claimedOrg(admin, { members: [member] })
  return { admin, member, ...setup, target: setup.memberships[0] }
}

/** the admin 确认移交: the transfer and its link (from the SMS) */
async function startTransfer(client: ApiClient, admin: User, orgId: string, membershipId: string) {
  const response = await asApplicant(client.post(`/orgs/${orgId}/transfer`), admin)
    .withCsrfToken()
    .form({ membership_id: membershipId })
    .redirects(0)
  response.assertHeader('location', `/orgs/${orgId}/transfer`)
  const transfer = await OrgTransfer.query()
    .where('org_id', orgId)
    .orderBy('created_at', 'desc')
    .firstOrFail()
  const sms = (await smsTo(transfer.legalRepPhone)).filter(
    (m: any) => m.purpose === 'notice:orgs_transfer'
  )
  const link = /(\/orgs\/[^\s]+\/transfer\/sign\/[\w-]+)/.exec(sms.at(-1)!.content)![1]
  return { transfer, link, response }
}

/** the legal representative asks for the code on the link's page (no account) */
async function codeOnLink(client: ApiClient, link: string, phone: string) {
  const sent = await client.post(link).withCsrfToken().form({ intent: 'send_code' }).redirects(0)
  sent.assertHeader('location', link)
  return lastCode(phone, 'orgs_transfer')
}

/** 确认签署 on the link's page with a drawn signature */
async function signOnLink(client: ApiClient, link: string, code: string) {
  return client
    .post(link)
    .withCsrfToken()
    .form({ sms_code: code, signature_data: await drawnSignature() })
    .redirects(0)
}

/** an org, its pending transfer, the link and the code the legal representative received */
async function linkWithCode(client: ApiClient) {
  const setup = await orgWithMember()
  const started = await startTransfer(client, setup.admin, setup.org.id, setup.target.id)
  const code = await codeOnLink(client, started.link, setup.org.legalRepPhone!)
  return { ...setup, ...started, code }
}

function wrongCode(code: string) {
  return code === '000000' ? '111111' : '000000'
}

async function actions(subjectId: string) {
  const rows = await AuditLog.query().where('subject_id', subjectId).orderBy('seq', 'asc')
  return rows.map((row) => row.action)
}

test.group('Orgs · 管理员移交 by the legal representative’s link', (group) => {
  group.each.teardown(() => disarmFaults())

  test('the legal representative signs on their own phone; only then the member is admin', async ({
    client,
    assert,
  }) => {
    const { admin, member, org, adminMembership, target } = await orgWithMember()
    const form = await asApplicant(client.get(`/orgs/${org.id}/transfer`), admin)
    assert.include(form.text(), '确认移交，发送签署链接')
    assert.notInclude(form.text(), 'data-signature-pad', 'no signature on the admin’s device')

    const { transfer, link } = await startTransfer(client, admin, org.id, target.id)
    assert.equal(transfer.status, 'pending')
    assert.equal(transfer.channel, 'link')
    assert.equal(link, `/orgs/${org.id}/transfer/sign/${transfer.signToken}`)
    await adminMembership.refresh()
    assert.equal(adminMembership.role, 'admin', 'nothing changes before the signature')
    const pending = await asApplicant(client.get(`/orgs/${org.id}/transfer`), admin)
    assert.include(pending.text(), '待法定代表人签署')
    assert.include(pending.text(), '撤回移交')

    const page = await client.get(link)
    page.assertStatus(200)
    assert.include(page.text(), org.name)
    assert.include(page.text(), 'data-signature-pad')
    assert.include(page.text(), 'enctype="multipart/form-data"')
    assert.include(page.text(), '转授授权书')

    const code = await codeOnLink(client, link, org.legalRepPhone!)
    const unsigned = await client.post(link).withCsrfToken().form({ sms_code: code }).redirects(0)
    assert.include(fieldErrors(unsigned).signature[0], '请法定代表人手写签名')
    const wrong = await signOnLink(client, link, wrongCode(code))
    assert.include(fieldErrors(wrong).sms_code[0], '验证码错误')
    await adminMembership.refresh()
    assert.equal(adminMembership.role, 'admin')

    const signed = await signOnLink(client, link, code)
    signed.assertHeader('location', link)
    assert.include(flash(signed, 'success'), '管理员移交已生效')
    await Promise.all([adminMembership.refresh(), target.refresh(), transfer.refresh()])
    assert.equal(adminMembership.role, 'member')
    assert.equal(target.role, 'admin')
    assert.equal(transfer.status, 'completed')
    assert.match(transfer.signatureKey!, /^orgs\/signatures\/.+\.png$/)
    assert.deepEqual(await actions(transfer.id), [
      'orgs.transfer.create',
      'orgs.transfer.sign',
      'orgs.transfer.complete',
    ])
    assert.deepEqual(await actions(target.id), ['orgs.membership.role'])
    assert.deepEqual(await actions(adminMembership.id), ['orgs.membership.role'])
    assert.equal(await runQueuedJobs(), 1, 'the safety-net job finds it done')
    await target.refresh()
    assert.equal(target.role, 'admin')
    assert.lengthOf(await actions(target.id), 1)

    const reused = await client.post(link).withCsrfToken().form({ sms_code: code }).redirects(0)
    assert.include(flash(reused, 'error'), '该签署链接已使用，不能重复签署')
    const reopened = await client.get(link)
    assert.include(reopened.text(), '管理员移交已生效')
    assert.notInclude(reopened.text(), 'data-signature-pad')

    /* the signature: the new admin sees it, the old one (now 员工) may not; staff do */
    const url = `/orgs/${org.id}/transfers/${transfer.id}/signature`
    const image = await asApplicant(client.get(url), member)
    image.assertStatus(200)
    image.assertHeader('content-type', 'image/png')
    image.assertHeader('x-content-type-options', 'nosniff')
    assert.include(image.header('cache-control'), 'no-store')
    const asMember = await asApplicant(client.get(url), admin)
    asMember.assertStatus(403)
    const records = await asApplicant(client.get(`/orgs/${org.id}/transfer`), member)
    assert.include(records.text(), '已移交')
    assert.include(records.text(), url)
    const staff = await createStaff(['reviewer'])
    const list = await asStaff(client.get('/admin/orgs/transfers'), staff)
    assert.include(list.text(), transfer.requestNo)
    const staffImage = await asStaff(
      client.get(`/admin/orgs/transfers/${transfer.id}/signature`),
      staff
    )
    staffImage.assertStatus(200)
    staffImage.assertHeader('content-type', 'image/png')
    const finance = await createStaff(['finance'])
    const denied = await asStaff(
      client.get(`/admin/orgs/transfers/${transfer.id}/signature`),
      finance
    )
    denied.assertStatus(403)
  })

  test('a photo of the signature works without JavaScript', async ({ client, assert }) => {
    const { admin, org, target } = await orgWithMember()
    const { transfer, link } = await startTransfer(client, admin, org.id, target.id)
    const code = await codeOnLink(client, link, org.legalRepPhone!)
    await client
      .post(link)
      .withCsrfToken()
      .fields({ sms_code: code })
      .file('signature', await makeImage('jpg'))
      .redirects(0)
    await transfer.refresh()
    assert.equal(transfer.status, 'completed')
    assert.equal(transfer.signatureType, 'jpg')
  })

  test('an expired link is refused in Chinese and the transfer is 已过期', async ({
    client,
    assert,
  }) => {
    const { admin, org, adminMembership, transfer, link, code } = await linkWithCode(client)
    transfer.expiresAt = DateTime.utc().minus({ minutes: 1 })
    await transfer.save()
    const page = await client.get(link)
    assert.include(page.text(), '签署链接已过期，请联系机构管理员重新发起移交')
    assert.notInclude(page.text(), 'data-signature-pad')
    const refused = await signOnLink(client, link, code)
    assert.include(flash(refused, 'error'), '签署链接已过期')
    await Promise.all([transfer.refresh(), adminMembership.refresh()])
    assert.equal(transfer.status, 'expired')
    assert.equal(adminMembership.role, 'admin')
    assert.include(await actions(transfer.id), 'orgs.transfer.expire')
    const again = await asApplicant(client.get(`/orgs/${org.id}/transfer`), admin)
    assert.include(again.text(), '确认移交，发送签署链接', 'a new transfer may start')
  })

  test('the old admin withdraws a pending transfer; its link is refused; one open transfer at a time', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser('苏管理')
    const one = await verifiedUser('李一')
    const two = await verifiedUser('李二')
    const { org, memberships } = await claimedOrg(admin, { members: [one, two] })
    const { transfer, link } = await startTransfer(client, admin, org.id, memberships[0].id)
    const second = await asApplicant(client.post(`/orgs/${org.id}/transfer`), admin)
      .withCsrfToken()
      .form({ membership_id: memberships[1].id })
      .redirects(0)
    assert.include(flash(second, 'error'), '已有待法定代表人签署的管理员移交')
    assert.lengthOf(await OrgTransfer.query().where('org_id', org.id), 1)

    const code = await codeOnLink(client, link, org.legalRepPhone!)
    const cancelled = await asApplicant(client.post(`/orgs/${org.id}/transfer/cancel`), admin)
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.include(flash(cancelled, 'success'), '已撤回管理员移交')
    await transfer.refresh()
    assert.equal(transfer.status, 'cancelled')
    assert.isNull(transfer.signToken)
    assert.include(await actions(transfer.id), 'orgs.transfer.cancel')
    const gone = await client.get(link)
    gone.assertStatus(404)
    const refused = await signOnLink(client, link, code)
    refused.assertStatus(404)
    await memberships[0].refresh()
    assert.equal(memberships[0].role, 'member')
    const nothing = await asApplicant(client.post(`/orgs/${org.id}/transfer/cancel`), admin)
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.include(flash(nothing, 'error'), '没有可撤回的管理员移交')
  })

  test('org A’s people cannot see, withdraw or sign org B’s transfer; B’s token under A’s id is 404', async ({
    client,
    assert,
  }) => {
    const b = await orgWithMember()
    const { transfer, link } = await startTransfer(client, b.admin, b.org.id, b.target.id)
    const code = await codeOnLink(client, link, b.org.legalRepPhone!)
    const adminA = await verifiedUser('赵管理')
    const { org: orgA } = await claimedOrg(adminA)

    for (const url of [
      `/orgs/${b.org.id}/transfer`,
      `/orgs/${b.org.id}/transfers/${transfer.id}/signature`,
      `/orgs/${orgA.id}/transfers/${transfer.id}/signature`,
    ]) {
      const response = await asApplicant(client.get(url), adminA)
      assert.equal(response.status(), 404, `GET ${url}`)
    }
    for (const url of [`/orgs/${b.org.id}/transfer`, `/orgs/${b.org.id}/transfer/cancel`]) {
      const response = await asApplicant(client.post(url), adminA)
        .withCsrfToken()
        .form({ membership_id: b.target.id })
        .redirects(0)
      assert.equal(response.status(), 404, `POST ${url}`)
    }
    const foreign = `/orgs/${orgA.id}/transfer/sign/${transfer.signToken}`
    const page = await client.get(foreign)
    page.assertStatus(404)
    assert.include(page.text(), '机构不存在或您无权访问')
    const post = await signOnLink(client, foreign, code)
    post.assertStatus(404)
    const memberCancel = await asApplicant(
      client.post(`/orgs/${b.org.id}/transfer/cancel`),
      b.member
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.include(flash(memberCancel, 'error'), '仅机构管理员可以进行此操作')
    await transfer.refresh()
    assert.equal(transfer.status, 'pending')
    assert.equal((await Membership.findOrFail(b.adminMembership.id)).role, 'admin')

    const stranger = await client
      .post('/sms/codes')
      .withCsrfToken()
      .json({ purpose: 'orgs_transfer', phone: orgA.legalRepPhone })
    assert.notEqual(stranger.status(), 200, 'no code for a phone without a pending transfer')
  })

  test('a crash between the consent and the roles: the job makes the transfer take effect once', async ({
    client,
    assert,
  }) => {
    const { admin, org, adminMembership, target, transfer, link, code } = await linkWithCode(client)
    armFault('orgs.transfer.after_consent')
    const crashed = await signOnLink(client, link, code)
    assert.deepEqual(armedFaults(), [], 'the fault was hit')
    assert.equal(crashed.status(), 500)
    await Promise.all([transfer.refresh(), adminMembership.refresh(), target.refresh()])
    assert.equal(transfer.status, 'signed', 'the consent is kept')
    assert.isNotNull(transfer.signatureKey)
    assert.equal(adminMembership.role, 'admin')
    assert.equal(target.role, 'member')
    const page = await client.get(link)
    assert.include(page.text(), '管理员移交正在生效')
    const again = await signOnLink(client, link, code)
    assert.include(flash(again, 'error'), '该签署链接已使用')
    const cancel = await asApplicant(client.post(`/orgs/${org.id}/transfer/cancel`), admin)
      .withCsrfToken()
      .form({})
      .redirects(0)
    assert.include(flash(cancel, 'error'), '该移交已不能撤回')

    /* the retry: the role change itself crashes once (rolled back), then succeeds */
    armFault('orgs.transfer.after_roles')
    await runQueuedJobs().catch(() => 0)
    await target.refresh()
    assert.equal(target.role, 'member', 'the crashed attempt left nothing')
    await backoffPassed()
    assert.equal(await runQueuedJobs(), 1)
    await Promise.all([transfer.refresh(), adminMembership.refresh(), target.refresh()])
    assert.equal(transfer.status, 'completed')
    assert.equal(adminMembership.role, 'member')
    assert.equal(target.role, 'admin')
    await completeTransfer(transfer.id)
    assert.deepEqual(await actions(transfer.id), [
      'orgs.transfer.create',
      'orgs.transfer.sign',
      'orgs.transfer.complete',
    ])
    assert.lengthOf(await actions(target.id), 1, 'the role changed once')
  })
})

test.group('Orgs · 管理员移交 completed twice at once', (group) => {
  group.each.teardown(() => disarmFaults())

  test('the request, the job and another worker completing at the same time change the roles once', async ({
    client,
    assert,
  }) => {
    const { org, adminMembership, target, transfer, link, code } = await linkWithCode(client)
    armFault('orgs.transfer.after_consent')
    await signOnLink(client, link, code)
    await transfer.refresh()
    assert.equal(transfer.status, 'signed')
    const results = await Promise.all([
      completeTransfer(transfer.id),
      completeTransfer(transfer.id),
      runQueuedJobs(),
    ])
    assert.equal(results[2], 1)
    await Promise.all([adminMembership.refresh(), target.refresh(), transfer.refresh()])
    assert.equal(transfer.status, 'completed')
    assert.equal(target.role, 'admin')
    assert.equal(adminMembership.role, 'member')
    assert.lengthOf(await actions(target.id), 1)
    assert.lengthOf(await actions(adminMembership.id), 1)
    const completions = await AuditLog.query()
      .where('action', 'orgs.transfer.complete')
      .where('subject_id', transfer.id)
    assert.lengthOf(completions, 1)
    const admins = await Membership.query()
      .where('org_id', org.id)
      .where('status', 'active')
      .where('role', 'admin')
    assert.deepEqual(
      admins.map((m) => m.id),
      [target.id]
    )
    await assertNothingLeft(assert)
  })

  test('the new admin left between the signature and the roles: 移交失败, nobody’s role changes', async ({
    client,
    assert,
  }) => {
    const { adminMembership, target, transfer, link, code } = await linkWithCode(client)
    armFault('orgs.transfer.after_consent')
    await signOnLink(client, link, code)
    target.status = 'left'
    await target.save()
    assert.equal(await runQueuedJobs(), 1)
    await Promise.all([adminMembership.refresh(), transfer.refresh()])
    assert.equal(transfer.status, 'failed')
    assert.equal(transfer.failure, '新管理员已不在本机构，移交未生效')
    assert.equal(adminMembership.role, 'admin')
    assert.include(await actions(transfer.id), 'orgs.transfer.fail')
  })
})

test.group('Orgs · 管理员移交 on the device of the legal representative', () => {
  test('an admin who is the legal representative signs here at once; another admin cannot', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser('王法人')
    const member = await verifiedUser('李员工')
    const { org, adminMembership, memberships } = await claimedOrg(admin, { members: [member] })
    org.legalRepIdNumber = admin.realIdNumber
    await org.save()
    const page = await asApplicant(client.get(`/orgs/${org.id}/transfer`), admin)
    assert.include(page.text(), '您是本机构的法定代表人')
    assert.include(page.text(), 'data-signature-pad')
    const sent = await asApplicant(client.post(`/orgs/${org.id}/transfer`), admin)
      .withCsrfToken()
      .form({ membership_id: memberships[0].id, intent: 'send_code' })
      .redirects(0)
    sent.assertHeader('location', `/orgs/${org.id}/transfer`)
    const code = await lastCode(org.legalRepPhone!, 'orgs_consent')
    const wrong = await asApplicant(client.post(`/orgs/${org.id}/transfer`), admin)
      .withCsrfToken()
      .form({
        membership_id: memberships[0].id,
        sms_code: wrongCode(code),
        signature_data: await drawnSignature(),
      })
      .redirects(0)
    assert.include(fieldErrors(wrong).sms_code[0], '验证码错误')
    const done = await asApplicant(client.post(`/orgs/${org.id}/transfer`), admin)
      .withCsrfToken()
      .fields({ membership_id: memberships[0].id, sms_code: code })
      .file('signature', await makeImage('png'))
      .redirects(0)
    done.assertHeader('location', `/orgs/${org.id}`)
    await Promise.all([adminMembership.refresh(), memberships[0].refresh()])
    assert.equal(adminMembership.role, 'member')
    assert.equal(memberships[0].role, 'admin')
    const transfer = await OrgTransfer.findByOrFail('org_id', org.id)
    assert.equal(transfer.channel, 'device')
    assert.equal(transfer.status, 'completed')
    assert.isNull(transfer.signToken)
    assert.match(transfer.signatureKey!, /^orgs\/signatures\//)

    /* an admin who is not the legal representative: their signature is not asked, a link goes out */
    const other = await orgWithMember()
    const posted = await asApplicant(client.post(`/orgs/${other.org.id}/transfer`), other.admin)
      .withCsrfToken()
      .fields({ membership_id: other.target.id, sms_code: '123456' })
      .file('signature', await makeImage('png'))
      .redirects(0)
    assert.include(flash(posted, 'success'), '签署链接已通过短信发送给法定代表人')
    const pending = await OrgTransfer.findByOrFail('org_id', other.org.id)
    assert.equal(pending.status, 'pending')
    assert.isNull(pending.signatureKey)
    await other.adminMembership.refresh()
    assert.equal(other.adminMembership.role, 'admin')
  })
})
