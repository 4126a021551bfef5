import { test } from '@japa/runner'
import Org from '#orgs/models/org'
import OrgCase from '#orgs/models/org_case'
import Membership from '#orgs/models/membership'
import Message from '#core/messages/message'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff, residentId, uniquePhone } from '#tests/helpers/factories'
import { makeImage, makePdf } from '#tests/helpers/files'
import { fieldErrors, flash } from '#tests/functional/accounts/helpers'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'

/**
 * 机构变更 (企业名称变更 / 法定代表人变更) and 机构申诉 through HTTP, each
 * reviewed by staff to the end: the org changes, its certificates are
 * flagged for 变更, the pre-validation follows the reviewed licence; an
 * upheld appeal makes the appellant admin and removes the former one.
 */
test.group('Orgs · change and appeal', () => {
  test('企业名称变更: new licence + letter, staff approve, the org is renamed and flagged', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const { org } = await claimedOrg(admin, { name: '辽宁旧名称有限公司' })
    const submitted = await asApplicant(client.post(`/orgs/${org.id}/change`), admin)
      .withCsrfToken()
      .fields({ kind: 'change_name', new_name: '辽宁新名称有限公司' })
      .file('licence', await makeImage('png'))
      .file('letter', makePdf())
      .redirects(0)
    submitted.assertHeader('location', `/orgs/${org.id}`)
    const item = await OrgCase.query().where('org_id', org.id).firstOrFail()
    assert.equal(item.kind, 'change_name')

    const staff = await createStaff(['reviewer'])
    const show = await asStaff(client.get(`/admin/reviews/org-cases/${item.id}`), staff)
    assert.include(show.text(), '辽宁新名称有限公司')
    await asStaff(client.post(`/admin/reviews/org-cases/${item.id}/approve`), staff)
      .withCsrfToken()
      .form({})
      .redirects(0)
    await org.refresh()
    assert.equal(org.name, '辽宁新名称有限公司')
    assert.isNotNull(org.changedAt)
    assert.isNotNull(org.validatedAt)
    const page = await asApplicant(client.get(`/orgs/${org.id}`), admin)
    assert.include(page.text(), '证书需办理变更')
  })

  test('法定代表人变更 moves the 法定代表人 role to the new legal representative’s account', async ({
    client,
    assert,
  }) => {
    const admin = await verifiedUser()
    const newRepId = residentId('19750505', '110105', '321')
    const newRep = await verifiedUser('新法人', { realIdNumber: newRepId, idNumber: newRepId })
    const { org } = await claimedOrg(admin)
    const missing = await asApplicant(client.post(`/orgs/${org.id}/change`), admin)
      .withCsrfToken()
      .fields({
        kind: 'change_legal_rep',
        legal_rep_name: '新法人',
        legal_rep_id_type: 'resident_id',
        legal_rep_id_number: '123',
        legal_rep_phone: newRep.phone,
      })
      .file('licence', await makeImage('png'))
      .file('letter', makePdf())
      .redirects(0)
    assert.property(fieldErrors(missing), 'legal_rep_id_number')
    await asApplicant(client.post(`/orgs/${org.id}/change`), admin)
      .withCsrfToken()
      .fields({
        kind: 'change_legal_rep',
        legal_rep_name: '新法人',
        legal_rep_id_type: 'resident_id',
        legal_rep_id_number: newRepId,
        legal_rep_phone: newRep.phone,
      })
      .file('licence', await makeImage('png'))
      .file('letter', makePdf())
      .redirects(0)
    const item = await OrgCase.query().where('org_id', org.id).firstOrFail()
    const staff = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/org-cases/${item.id}/approve`), staff)
      .withCsrfToken()
      .form({})
    await org.refresh()
    assert.equal(org.legalRepName, '新法人')
    const rep = await Membership.query()
      .where('org_id', org.id)
      .where('user_id', newRep.id)
      .firstOrFail()
    assert.isTrue(rep.isLegalRep)
  })

  test('a member cannot ask for an org change', async ({ client, assert }) => {
    const admin = await verifiedUser()
    const member = await verifiedUser()
    const { org } = await claimedOrg(admin, { members: [member] })
    const response = await asApplicant(client.get(`/orgs/${org.id}/change`), member)
    response.assertStatus(403)
    assert.lengthOf(await OrgCase.query().where('org_id', org.id), 0)
  })

  test('机构申诉: licence + appeal letter; upheld, the appellant is admin and the former admin removed', async ({
    client,
    assert,
  }) => {
    const squatter = await verifiedUser()
    const { org, adminMembership } = await claimedOrg(squatter, { legalRepPhone: uniquePhone() })
    const owner = await verifiedUser('真管理')
    const page = await asApplicant(client.get(`/orgs/appeal?uscc=${org.uscc}`), owner)
    assert.include(page.text(), '已被他人认领')
    await asApplicant(client.post('/orgs/appeal'), owner)
      .withCsrfToken()
      .fields({ uscc: org.uscc, description: '本单位从未授权他人认领' })
      .file('licence', await makeImage('png'))
      .file('letter', makePdf())
      .redirects(0)
    const item = await OrgCase.query().where('org_id', org.id).where('kind', 'appeal').firstOrFail()
    const again = await asApplicant(client.post('/orgs/appeal'), owner)
      .withCsrfToken()
      .fields({ uscc: org.uscc, description: '再次申诉' })
      .file('licence', await makeImage('png'))
      .file('letter', makePdf())
      .redirects(0)
    assert.include(flash(again, 'error'), '待审核')

    const staff = await createStaff(['reviewer'])
    await asStaff(client.post(`/admin/reviews/org-cases/${item.id}/approve`), staff)
      .withCsrfToken()
      .form({})
    await adminMembership.refresh()
    assert.equal(adminMembership.status, 'removed')
    const now = await Membership.query()
      .where('org_id', org.id)
      .where('user_id', owner.id)
      .firstOrFail()
    assert.equal(now.role, 'admin')
    assert.isOk(
      await Message.query().where('user_id', owner.id).where('title', '机构申诉已通过').first()
    )
    const lost = await asApplicant(client.get(`/orgs/${org.id}`), squatter)
    lost.assertStatus(404)
    assert.equal((await Org.findOrFail(org.id)).status, 'claimed')
  })
})
