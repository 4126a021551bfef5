import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { revoke } from '#issuance/actions/certificate_status'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff } from '#tests/helpers/factories'
import { ensureCa } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { usableSealsOf } from '#seals/queries/seals'
import { grantSeals, recordSealUse, withdrawGrant } from '#seals/actions/grants'
import { makeSealFromTemplate } from '#seals/actions/seals'
import Seal from '#seals/models/seal'
import SealRequest from '#seals/models/seal_request'
import SealGrant from '#seals/models/seal_grant'
import { PIN, asOrg, certificateFor, sealPackageFor } from '#tests/functional/seals/helpers'

/**
 * Seals (issue 13): making them (template, signature with the PIN), staff
 * review, authorisation windows, revocation (and its cascade from a
 * certificate), and other orgs' ids answered with 404.
 */
async function orgWithCertificate(options: { members?: any[] } = {}) {
  const admin = await verifiedUser('张管理')
  const { org, adminMembership, memberships } = await claimedOrg(admin, options)
  const certificate = await certificateFor(admin, {
    name: org.name,
    idNumber: org.uscc,
    org: { name: org.name, uscc: org.uscc },
  })
  await sealPackageFor(org.id)
  return { admin, org, adminMembership, memberships, certificate }
}

async function activeOrgSeal(setup: Awaited<ReturnType<typeof orgWithCertificate>>) {
  const { seal, request } = await makeSealFromTemplate(
    {
      type: 'org',
      userId: setup.admin.id,
      orgId: setup.org.id,
      orgName: setup.org.name,
      uscc: setup.org.uscc,
    },
    { kind: 'contract', text: setup.org.name }
  )
  seal.status = 'active'
  await seal.save()
  await SealRequest.query().where('id', request!.id).update({ status: 'approved' })
  return seal
}

test.group('seals · making and review', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('a person makes a name seal from the template: in force at once, GB/T 38540 data kept', async ({
    client,
    assert,
  }) => {
    const user = await verifiedUser('王小明')
    await certificateFor(user, { name: '王小明', idNumber: user.realIdNumber! })
    const preview = await asApplicant(client.post('/seals/preview'), user)
      .withCsrfToken()
      .form({ kind: 'personal', text: '王小明' })
    preview.assertStatus(200)
    assert.include(preview.text(), 'data:image/png;base64,')
    const response = await asApplicant(client.post('/seals'), user)
      .withCsrfToken()
      .form({ kind: 'personal', text: '王小明' })
      .redirects(0)
    response.assertStatus(302)
    const seal = await Seal.query().where('owner_user_id', user.id).firstOrFail()
    assert.equal(seal.status, 'active')
    const data = JSON.parse(seal.eslData)
    assert.equal(data.esID, seal.code)
    assert.equal(data.property.kind, 'personal')
    assert.equal(data.picture.sha256, seal.imageSha256)
    assert.equal(data.property.certSerial, seal.certSerial)
    const image = await asApplicant(client.get(`/seals/${seal.id}/image.png`), user)
    image.assertStatus(200)
    assert.equal(image.header('content-type'), 'image/png')
  })

  test('an org without a valid certificate cannot make seals', async ({ client, assert }) => {
    const admin = await verifiedUser('李管理')
    const { org, adminMembership } = await claimedOrg(admin)
    const response = await asOrg(client.post('/seals'), admin, adminMembership.id)
      .withCsrfToken()
      .header('referer', '/seals/new')
      .form({ kind: 'official', text: org.name })
      .redirects(0)
    response.assertStatus(302)
    assert.equal(
      await Seal.query()
        .where('org_id', org.id)
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      0
    )
    const page = await asOrg(client.get('/seals'), admin, adminMembership.id)
    assert.include(page.text(), '本机构还没有有效的数字证书')
  })

  test('an org seal waits for staff review; approval puts it in force', async ({
    client,
    assert,
  }) => {
    const setup = await orgWithCertificate()
    const response = await asOrg(client.post('/seals'), setup.admin, setup.adminMembership.id)
      .withCsrfToken()
      .form({ kind: 'official', text: setup.org.name })
      .redirects(0)
    response.assertStatus(302)
    const seal = await Seal.query().where('org_id', setup.org.id).firstOrFail()
    assert.equal(seal.status, 'pending')
    const request = await SealRequest.query().where('seal_id', seal.id).firstOrFail()
    const staff = await createStaff(['reviewer'])
    const list = await asStaff(client.get('/admin/reviews/seals'), staff)
    list.assertStatus(200)
    assert.include(list.text(), request.requestNo)
    const face = await asStaff(
      client.get(`/admin/reviews/seals/${request.id}/image/current`),
      staff
    )
    face.assertStatus(200)
    assert.equal(face.header('content-type'), 'image/png')
    assert.match(face.header('content-disposition') ?? '', /^inline/)
    assert.equal(face.header('x-content-type-options'), 'nosniff')
    const approved = await asStaff(client.post(`/admin/reviews/seals/${request.id}/approve`), staff)
      .withCsrfToken()
      .form({})
      .redirects(0)
    approved.assertStatus(302)
    await seal.refresh()
    assert.equal(seal.status, 'active')
  })

  test('a rejected org seal is 已驳回 and listed among 失效印章', async ({ client, assert }) => {
    const setup = await orgWithCertificate()
    const { seal, request } = await makeSealFromTemplate(
      {
        type: 'org',
        userId: setup.admin.id,
        orgId: setup.org.id,
        orgName: setup.org.name,
        uscc: setup.org.uscc,
      },
      { kind: 'finance', text: setup.org.name }
    )
    const staff = await createStaff(['reviewer'])
    const rejected = await asStaff(client.post(`/admin/reviews/seals/${request!.id}/reject`), staff)
      .withCsrfToken()
      .form({ reason_type: 'mismatch', review_reason: '印章文字与营业执照不一致' })
      .redirects(0)
    rejected.assertStatus(302)
    await seal.refresh()
    assert.equal(seal.status, 'rejected')
    const lapsed = await asOrg(client.get('/seals/lapsed'), setup.admin, setup.adminMembership.id)
    assert.include(lapsed.text(), seal.name)
  })

  test('更换印章 needs a reason and changes the face only after approval', async ({
    client,
    assert,
  }) => {
    const setup = await orgWithCertificate()
    const seal = await activeOrgSeal(setup)
    const before = seal.imageSha256
    const noReason = await asOrg(
      client.post(`/seals/${seal.id}/replace`),
      setup.admin,
      setup.adminMembership.id
    )
      .withCsrfToken()
      .header('referer', `/seals/${seal.id}`)
      .form({ text: '示例新名称科技有限公司', reason: '' })
      .redirects(0)
    noReason.assertStatus(302)
    assert.equal(
      await SealRequest.query()
        .where('seal_id', seal.id)
        .where('type', 'replace')
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      0
    )
    await asOrg(client.post(`/seals/${seal.id}/replace`), setup.admin, setup.adminMembership.id)
      .withCsrfToken()
      .form({ text: '示例新名称科技有限公司', reason: '企业更名' })
      .redirects(0)
    const request = await SealRequest.query()
      .where('seal_id', seal.id)
      .where('type', 'replace')
      .firstOrFail()
    await seal.refresh()
    assert.equal(seal.imageSha256, before)
    const staff = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/seals/${request.id}/approve`), staff)
      .withCsrfToken()
      .form({})
      .redirects(0)
    await seal.refresh()
    assert.notEqual(seal.imageSha256, before)
    assert.equal(JSON.parse(seal.eslData).picture.sha256, seal.imageSha256)
  })

  test('a handwritten signature asks for the certificate PIN', async ({ client, assert }) => {
    const user = await verifiedUser('赵签名')
    const certificate = await certificateFor(user, { name: '赵签名', idNumber: user.realIdNumber! })
    const sharp = (await import('sharp')).default
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><path d="M20 150 C 80 20, 160 20, 200 120 S 320 180, 380 40" stroke="#111" stroke-width="6" fill="none"/></svg>`
    const png = await sharp(Buffer.from(svg)).png().toBuffer()
    const dataUrl = `data:image/png;base64,${png.toString('base64')}`
    const wrong = await asApplicant(client.post('/seals/signature'), user)
      .withCsrfToken()
      .header('referer', '/seals/signature')
      .form({
        kind: 'personal_signature',
        signature_data: dataUrl,
        pin: '000000',
        certificate_id: certificate.id,
      })
      .redirects(0)
    wrong.assertStatus(302)
    assert.equal(
      await Seal.query()
        .where('owner_user_id', user.id)
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      0
    )
    const right = await asApplicant(client.post('/seals/signature'), user)
      .withCsrfToken()
      .form({
        kind: 'personal_signature',
        signature_data: dataUrl,
        pin: PIN,
        certificate_id: certificate.id,
      })
      .redirects(0)
    right.assertStatus(302)
    const seal = await Seal.query().where('owner_user_id', user.id).firstOrFail()
    assert.equal(seal.kind, 'personal_signature')
    assert.equal(seal.status, 'active')
  })
})

test.group('seals · authorisation, revocation, other orgs', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('an authorisation window: not before, inside, not after, not once withdrawn', async ({
    assert,
  }) => {
    const member = await verifiedUser('钱员工')
    const setup = await orgWithCertificate({ members: [member] })
    const seal = await activeOrgSeal(setup)
    const today = DateTime.now().setZone('Asia/Shanghai').startOf('day')
    const [grant] = await grantSeals(setup.org.id, {
      userIds: [member.id],
      sealIds: [seal.id],
      from: today.plus({ days: 1 }).toISODate()!,
      to: today.plus({ days: 3 }).toISODate()!,
    })
    const ids = async (at: DateTime) => (await usableSealsOf(member.id, at)).map((s) => s.id)
    assert.notInclude(await ids(today.plus({ hours: 12 })), seal.id)
    assert.include(await ids(today.plus({ days: 1 })), seal.id)
    assert.include(await ids(today.plus({ days: 3, hours: 23 })), seal.id)
    assert.notInclude(await ids(today.plus({ days: 4 })), seal.id)
    await assert.rejects(
      () =>
        recordSealUse({
          sealId: seal.id,
          userId: member.id,
          operatorName: '钱员工',
          resourceName: '投标文件.pdf',
          systemName: '示例交易平台',
          operation: '签章',
          at: today.plus({ hours: 1 }),
        }),
      /无权使用该印章/
    )
    const usage = await recordSealUse({
      sealId: seal.id,
      userId: member.id,
      operatorName: '钱员工',
      resourceName: '投标文件.pdf',
      systemName: '示例交易平台',
      operation: '签章',
      at: today.plus({ days: 2 }),
    })
    assert.equal(usage.orgId, setup.org.id)
    await withdrawGrant(setup.org.id, grant.id)
    assert.notInclude(await ids(today.plus({ days: 2 })), seal.id)
  })

  test('batch authorisation by the admin over HTTP; a member cannot authorise', async ({
    client,
    assert,
  }) => {
    const a = await verifiedUser('孙员工')
    const b = await verifiedUser('周员工')
    const setup = await orgWithCertificate({ members: [a, b] })
    const seal = await activeOrgSeal(setup)
    const today = DateTime.now().setZone('Asia/Shanghai')
    const response = await asOrg(
      client.post('/seals/grants'),
      setup.admin,
      setup.adminMembership.id
    )
      .withCsrfToken()
      .form({
        user_ids: [a.id, b.id],
        seal_ids: [seal.id],
        from: today.toISODate()!,
        to: today.plus({ days: 30 }).toISODate()!,
      })
      .redirects(0)
    response.assertStatus(302)
    assert.equal(
      await SealGrant.query()
        .where('seal_id', seal.id)
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      2
    )
    const page = await asOrg(client.get('/seals/grants'), setup.admin, setup.adminMembership.id)
    assert.include(page.text(), '孙员工')
    const refused = await asOrg(client.get('/seals/grants'), a, setup.memberships[0].id)
    refused.assertStatus(403)
  })

  test('注销: authorisations lapse, the seal cannot come back; revoking the certificate revokes its seals', async ({
    client,
    assert,
  }) => {
    const member = await verifiedUser('吴员工')
    const setup = await orgWithCertificate({ members: [member] })
    const first = await activeOrgSeal(setup)
    const second = await activeOrgSeal(setup)
    const today = DateTime.now().setZone('Asia/Shanghai')
    await grantSeals(setup.org.id, {
      userIds: [member.id],
      sealIds: [first.id, second.id],
      from: today.toISODate()!,
      to: today.plus({ days: 10 }).toISODate()!,
    })
    const revoked = await asOrg(
      client.post(`/seals/${first.id}/revoke`),
      setup.admin,
      setup.adminMembership.id
    )
      .withCsrfToken()
      .form({ reason: '印章遗失', confirm: 'yes' })
      .redirects(0)
    revoked.assertStatus(302)
    await first.refresh()
    assert.equal(first.status, 'revoked')
    const grants = await SealGrant.query().where('seal_id', first.id)
    assert.isTrue(grants.every((g) => g.status === 'lapsed'))
    const again = await asOrg(
      client.post(`/seals/${first.id}/revoke`),
      setup.admin,
      setup.adminMembership.id
    )
      .withCsrfToken()
      .header('referer', `/seals/${first.id}`)
      .form({ reason: '再次', confirm: 'yes' })
      .redirects(0)
    assert.oneOf(again.status(), [302, 409])
    assert.notInclude(
      (await usableSealsOf(member.id)).map((s) => s.id),
      first.id
    )
    assert.include(
      (await usableSealsOf(member.id)).map((s) => s.id),
      second.id
    )

    await revoke(setup.certificate.serial, 'keyCompromise')
    await second.refresh()
    assert.equal(second.status, 'revoked')
    assert.equal(second.revokeReason, '绑定的数字证书已注销')
    assert.deepEqual(await usableSealsOf(member.id), [])
  })

  test("another org's seal ids answer 404", async ({ client }) => {
    const one = await orgWithCertificate()
    const other = await orgWithCertificate()
    const seal = await activeOrgSeal(other)
    for (const url of [`/seals/${seal.id}`, `/seals/${seal.id}/image.png`]) {
      const response = await asOrg(client.get(url), one.admin, one.adminMembership.id)
      response.assertStatus(404)
    }
    const revoking = await asOrg(
      client.post(`/seals/${seal.id}/revoke`),
      one.admin,
      one.adminMembership.id
    )
      .withCsrfToken()
      .form({ reason: 'x', confirm: 'yes' })
    revoking.assertStatus(404)
    const asPerson = await asApplicant(client.get(`/seals/${seal.id}`), one.admin)
    asPerson.assertStatus(404)
  })
})
