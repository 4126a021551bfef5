import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { bodyBuffer } from '#tests/helpers/binary'
import { createStaff } from '#tests/helpers/factories'
import { cmsVerify, ensureCa, tempFile } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { asOrg, certificateFor, sealPackageFor } from '#tests/functional/seals/helpers'
import { armFault, armedFaults, disarmFaults } from '#core/fault_points'
import AuditLog from '#core/audit/audit_log'
import {
  prepareCloudCertificateForOrder,
  type OrderForIssue,
} from '#certificates/actions/issue_for_order'
import { runIssueHooks } from '#certificates/actions/issue_hooks'
import { makeSealFromTemplate } from '#seals/actions/seals'
import { usableSealsOf } from '#seals/queries/seals'
import { verifySealData } from '#seals/services/office_signer'
import Seal from '#seals/models/seal'
import SealRequest from '#seals/models/seal_request'
import SealGrant from '#seals/models/seal_grant'

/**
 * The office's signature over each seal's GB/T 38540 data (made before the
 * seal's transaction; openssl cms -verify checks it; 验证 on the page), the
 * hooks (a person's first certificate makes the 个人名章, once; an approved
 * 用章权限 application grants the org's seals), and crash-and-retry of
 * making and approving seals (#core/fault_points).
 */
let orderSeq = 0

function cloudOrder(user: { id: string; realName: string | null; realIdNumber: string | null }) {
  orderSeq++
  return {
    orderNo: `20260202${String(orderSeq).padStart(11, '0')}`,
    userId: user.id,
    certKind: 'personal',
    medium: 'cloud',
    years: 1,
    platformId: 'platform-test',
    platformName: '示例交易平台',
    productName: '个人移动证书',
    subjectType: 'person',
    subjectName: user.realName!,
    subjectIdType: 'resident_id',
    subjectIdNumber: user.realIdNumber,
    subjectOrgName: null,
    subjectUscc: null,
    handlerName: user.realName,
    handlerPhone: '13800138000',
  } satisfies OrderForIssue
}

async function countOf(query: any) {
  return query.count('* as n').then((r: any[]) => Number(r[0].$extras.n))
}

async function orgSetup() {
  const admin = await verifiedUser('陈管理')
  const member = await verifiedUser('林员工')
  const { org, adminMembership, memberships } = await claimedOrg(admin, { members: [member] })
  await certificateFor(admin, {
    name: org.name,
    idNumber: org.uscc,
    org: { name: org.name, uscc: org.uscc },
  })
  await sealPackageFor(org.id)
  const owner = {
    type: 'org' as const,
    userId: admin.id,
    orgId: org.id,
    orgName: org.name,
    uscc: org.uscc,
  }
  return { admin, member, org, adminMembership, memberships, owner }
}

test.group('seals · the office signs the seal data', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a new seal carries the office’s CMS over its data: openssl cms -verify checks the downloads, the page says 验证通过, a changed byte fails', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('许数据')
    await certificateFor(user, { name: '许数据', idNumber: user.realIdNumber! })
    await asApplicant(client.post('/seals'), user)
      .withCsrfToken()
      .form({ kind: 'personal', text: '许数据' })
      .redirects(0)
    const seal = await Seal.query().where('owner_user_id', user.id).firstOrFail()
    assert.isString(seal.eslSignature)

    const data = await asApplicant(client.get(`/seals/${seal.id}/seal-data/data`), user)
    data.assertStatus(200)
    const signature = await asApplicant(client.get(`/seals/${seal.id}/seal-data/signature`), user)
    signature.assertStatus(200)
    const verified = await cmsVerify(
      tempFile('seal.p7s', bodyBuffer(signature)),
      tempFile('seal.json', data.text())
    )
    assert.equal(verified.code, 0, verified.stderr)
    assert.include(verified.stderr, 'Verification successful')
    assert.equal(data.text(), seal.eslData)

    const page = await asApplicant(client.get(`/seals/${seal.id}`), user)
    assert.include(page.text(), '验证通过')
    assert.include(page.text(), '示例数字证书服务中心')

    const tampered = seal.eslData.replace('"personal"', '"official"')
    const check = await verifySealData(tampered, seal.eslSignature)
    assert.isFalse(check.valid)
    await Seal.query().where('id', seal.id).update({ esl_data: tampered })
    const after = await asApplicant(client.get(`/seals/${seal.id}`), user)
    assert.include(after.text(), '验证未通过')

    const stranger = await verifiedUser('何旁人')
    const peek = await asApplicant(client.get(`/seals/${seal.id}/seal-data/signature`), stranger)
    peek.assertStatus(404)
  })

  test('更换印章: the new face’s data is signed when requested; approval installs it (signed, verifying)', async ({
    client,
    assert,
  }) => {
    const setup = await orgSetup()
    const { seal, request } = await makeSealFromTemplate(setup.owner, {
      kind: 'contract',
      text: setup.org.name,
    })
    const staff = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/seals/${request!.id}/approve`), staff)
      .withCsrfToken()
      .form({})
      .redirects(0)
    await asOrg(client.post(`/seals/${seal.id}/replace`), setup.admin, setup.adminMembership.id)
      .withCsrfToken()
      .form({ text: '示例更名后科技有限公司', reason: '企业更名' })
      .redirects(0)
    const replace = await SealRequest.query()
      .where('seal_id', seal.id)
      .where('type', 'replace')
      .firstOrFail()
    assert.isString(replace.eslSignature)
    assert.equal(JSON.parse(replace.eslData!).picture.sha256, replace.imageSha256)
    await asStaff(client.post(`/admin/reviews/seals/${replace.id}/approve`), staff)
      .withCsrfToken()
      .form({})
      .redirects(0)
    await seal.refresh()
    assert.equal(seal.imageSha256, replace.imageSha256)
    assert.equal(seal.eslSignature, replace.eslSignature)
    assert.isTrue((await verifySealData(seal.eslData, seal.eslSignature)).valid)
  })
})

test.group('seals · hooks', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  test('a person’s first certificate makes the 个人名章 once its issuance commits; a retried hook, a second certificate and a crash make none twice', async ({
    assert,
  }) => {
    const user = await verifiedUser('冯名章')
    const order = cloudOrder(user)
    const plan = await prepareCloudCertificateForOrder(order)
    const certificate = await db.transaction((trx) => plan.commit(trx))
    const seals = await Seal.query().where('owner_user_id', user.id)
    assert.lengthOf(seals, 1)
    assert.equal(seals[0].kind, 'personal')
    assert.equal(seals[0].source, 'auto')
    assert.equal(seals[0].status, 'active')
    assert.equal(seals[0].certSerial, certificate.serial)
    assert.isTrue((await verifySealData(seals[0].eslData, seals[0].eslSignature)).valid)

    const hook = {
      id: certificate.id,
      userId: user.id,
      serial: certificate.serial,
      certKind: 'personal',
      subjectName: certificate.subjectName,
      subjectIdNumber: certificate.subjectIdNumber,
      subjectOrgName: null,
      notAfter: certificate.notAfter,
      previousCount: 0,
    }
    await Promise.all([runIssueHooks(hook), runIssueHooks(hook)])
    assert.equal(await countOf(Seal.query().where('owner_user_id', user.id)), 1)

    const second = await prepareCloudCertificateForOrder(cloudOrder(user))
    await db.transaction((trx) => second.commit(trx))
    assert.equal(await countOf(Seal.query().where('owner_user_id', user.id)), 1)

    /* a crash inside the seal's transaction: no seal, and the retry makes exactly one */
    const other = await verifiedUser('褚重试')
    const theirs = await certificateFor(other, { name: '褚重试', idNumber: other.realIdNumber! })
    const theirHook = { ...hook, id: theirs.id, userId: other.id, serial: theirs.serial }
    theirHook.subjectName = '褚重试'
    armFault('seals.create.after_insert')
    await runIssueHooks(theirHook)
    assert.deepEqual(armedFaults(), [])
    assert.equal(await countOf(Seal.query().where('owner_user_id', other.id)), 0)
    await runIssueHooks(theirHook)
    await runIssueHooks(theirHook)
    assert.equal(await countOf(Seal.query().where('owner_user_id', other.id)), 1)
  })

  test('an approved 用章权限 application authorises the org’s seals in force (not the legal representative’s) to the member for a year', async ({
    client,
    assert,
  }) => {
    const setup = await orgSetup()
    const contract = await makeSealFromTemplate(setup.owner, {
      kind: 'contract',
      text: setup.org.name,
    })
    const legal = await makeSealFromTemplate(setup.owner, { kind: 'legal_rep', text: '王法人' })
    await Seal.query().whereIn('id', [contract.seal.id, legal.seal.id]).update({ status: 'active' })
    const membership = setup.memberships[0]
    const applied = await asOrg(
      client.post(`/orgs/${setup.org.id}/seal`),
      setup.member,
      membership.id
    )
      .withCsrfToken()
      .form({ reason: '投标文件盖章' })
      .redirects(0)
    applied.assertStatus(302)
    assert.deepEqual(await usableSealsOf(setup.member.id), [])
    const { default: OrgApplication } = await import('#orgs/models/org_application')
    const application = await OrgApplication.query()
      .where('user_id', setup.member.id)
      .where('type', 'seal')
      .firstOrFail()
    const approved = await asOrg(
      client.post(`/orgs/${setup.org.id}/approvals/${application.id}/approve`),
      setup.admin,
      setup.adminMembership.id
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    approved.assertStatus(302)
    const grants = await SealGrant.query().where('user_id', setup.member.id)
    assert.deepEqual(
      grants.map((g) => g.sealId),
      [contract.seal.id]
    )
    const days = grants[0].endsAt.diff(grants[0].startsAt, 'days').days
    assert.approximately(days, 365, 1.5)
    const usable = await usableSealsOf(setup.member.id)
    assert.deepEqual(
      usable.map((s) => s.id),
      [contract.seal.id]
    )
  })
})

test.group('seals · crash and retry', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  test('making crashes inside its transaction: nothing kept; the retry makes one seal and one review request', async ({
    client,
    assert,
  }) => {
    const setup = await orgSetup()
    armFault('seals.create.after_insert')
    const crashed = await asOrg(client.post('/seals'), setup.admin, setup.adminMembership.id)
      .withCsrfToken()
      .form({ kind: 'official', text: setup.org.name })
      .redirects(0)
    assert.equal(crashed.status(), 500)
    assert.deepEqual(armedFaults(), [])
    assert.equal(await countOf(Seal.query().where('org_id', setup.org.id)), 0)
    const retried = await asOrg(client.post('/seals'), setup.admin, setup.adminMembership.id)
      .withCsrfToken()
      .form({ kind: 'official', text: setup.org.name })
      .redirects(0)
    retried.assertStatus(302)
    const seals = await Seal.query().where('org_id', setup.org.id)
    assert.lengthOf(seals, 1)
    assert.equal(await countOf(SealRequest.query().where('seal_id', seals[0].id)), 1)
  })

  test('approval crashes after the seal went into force, before the commit: still 待审核; the retried approval puts it in force once; a third click is refused', async ({
    client,
    assert,
  }) => {
    const setup = await orgSetup()
    const { seal, request } = await makeSealFromTemplate(setup.owner, {
      kind: 'finance',
      text: setup.org.name,
    })
    const staff = await createStaff(['reviewer'])
    const approve = () =>
      asStaff(client.post(`/admin/reviews/seals/${request!.id}/approve`), staff)
        .withCsrfToken()
        .form({})
        .redirects(0)
    armFault('seals.review.after_apply')
    const crashed = await approve()
    assert.equal(crashed.status(), 500)
    assert.deepEqual(armedFaults(), [])
    await seal.refresh()
    assert.equal(seal.status, 'pending')
    await request!.refresh()
    assert.equal(request!.status, 'pending')

    const retried = await approve()
    retried.assertStatus(302)
    await seal.refresh()
    assert.equal(seal.status, 'active')
    await approve()
    assert.equal(await countOf(Seal.query().where('org_id', setup.org.id)), 1)
    const approvals = await countOf(
      AuditLog.query().where('subject_id', seal.id).where('action', 'seals.seal.approve')
    )
    assert.equal(approvals, 1)
  })
})
