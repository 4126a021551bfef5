import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import AuditLog from '#core/audit/audit_log'
import CertificateGrant from '#certificates/models/certificate_grant'
import { ACTING_SESSION_KEY } from '#orgs/queries/acting'
import { asApplicant } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { holderWith } from './support.js'

/**
 * 证书授权 (issue 11 #5): an org admin, acting for the org, authorises a
 * member to use one of the org's certificates for a period; the member
 * sees and opens it in 我的证书 only inside the window; 撤回 ends it.
 * Org B's admin, a plain member and the admin acting as 自然人 cannot.
 */
const acting = (membershipId: string) => ({ [ACTING_SESSION_KEY]: membershipId })
const day = (offset: number) =>
  DateTime.now().setZone('Asia/Shanghai').plus({ days: offset }).toISODate()!

async function orgWithCertificate() {
  const admin = await verifiedUser('苏管理')
  const handler = await verifiedUser('李经办')
  const member = await verifiedUser('王成员')
  const later = await verifiedUser('赵后来')
  const { org, adminMembership, memberships } = await claimedOrg(admin, {
    members: [handler, member, later],
  })
  const { certificate } = await holderWith({
    user: handler,
    org: { id: org.id, name: org.name, uscc: org.uscc },
  })
  return { org, admin, handler, member, later, adminMembership, memberships, certificate }
}

test.group('证书授权 · an org’s certificate to its members', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('the admin authorises a member for a period: the member sees and opens it inside the window only; 撤回 ends it', async ({
    client,
    assert,
  }) => {
    const f = await orgWithCertificate()
    const grantsUrl = `/certificates/${f.certificate.id}/grants`
    const showUrl = `/certificates/${f.certificate.id}`

    /* before: a plain member does not see the org's certificate */
    assert.notInclude((await asApplicant(client.get('/certificates'), f.member)).text(), showUrl)
    ;(await asApplicant(client.get(showUrl), f.member)).assertStatus(404)

    /* 我的证书 offers 授权 to the admin */
    const detail = await asApplicant(client.get(showUrl), f.admin)
    assert.include(detail.text(), `href="${grantsUrl}"`)
    const page = await asApplicant(client.get(grantsUrl), f.admin).withSession(
      acting(f.adminMembership.id)
    )
    page.assertStatus(200)
    assert.include(page.text(), '王成员')

    /* refusals at their fields */
    const backwards = await asApplicant(client.post(grantsUrl), f.admin)
      .withSession(acting(f.adminMembership.id))
      .withCsrfToken()
      .form({ user_id: f.member.id, from: day(5), to: day(1) })
      .redirects(0)
    assert.equal(
      (backwards.flashMessages().inputErrorsBag as any).to[0],
      '授权结束日期不能早于开始日期'
    )
    const stranger = await verifiedUser('钱外人')
    const outsider = await asApplicant(client.post(grantsUrl), f.admin)
      .withSession(acting(f.adminMembership.id))
      .withCsrfToken()
      .form({ user_id: stranger.id, from: day(0), to: day(30) })
      .redirects(0)
    assert.equal(
      (outsider.flashMessages().inputErrorsBag as any).user_id[0],
      '被授权人不是本机构的在职成员'
    )

    /* granted from today: visible; another member's window starts tomorrow: not yet */
    await asApplicant(client.post(grantsUrl), f.admin)
      .withSession(acting(f.adminMembership.id))
      .withCsrfToken()
      .form({ user_id: f.member.id, from: day(0), to: day(30) })
    await asApplicant(client.post(grantsUrl), f.admin)
      .withSession(acting(f.adminMembership.id))
      .withCsrfToken()
      .form({ user_id: f.later.id, from: day(1), to: day(30) })
    assert.lengthOf(await CertificateGrant.query().where('certificate_id', f.certificate.id), 2)
    assert.lengthOf(await AuditLog.query().where('action', 'certificates.grant.create'), 2)
    const listed = await asApplicant(client.get('/certificates'), f.member)
    assert.include(listed.text(), showUrl)
    ;(await asApplicant(client.get(showUrl), f.member)).assertStatus(200)
    ;(await asApplicant(client.get(showUrl), f.later)).assertStatus(404)
    const records = await asApplicant(client.get(grantsUrl), f.admin).withSession(
      acting(f.adminMembership.id)
    )
    assert.include(records.text(), '生效中')
    assert.include(records.text(), '待生效')

    /* 撤回: gone for the member at once */
    const grant = await CertificateGrant.query()
      .where('user_id', f.member.id)
      .where('certificate_id', f.certificate.id)
      .firstOrFail()
    await asApplicant(client.post(`${grantsUrl}/${grant.id}/withdraw`), f.admin)
      .withSession(acting(f.adminMembership.id))
      .withCsrfToken()
    await grant.refresh()
    assert.equal(grant.status, 'withdrawn')
    ;(await asApplicant(client.get(showUrl), f.member)).assertStatus(404)
    assert.notInclude((await asApplicant(client.get('/certificates'), f.member)).text(), showUrl)
    assert.lengthOf(
      await AuditLog.query()
        .where('action', 'certificates.grant.withdraw')
        .where('subject_id', grant.id),
      1
    )
  })

  test('who may not: org B’s admin (404), the admin acting as 自然人 and a member who is not an admin (403), a person’s certificate (409)', async ({
    client,
    assert,
  }) => {
    const f = await orgWithCertificate()
    const grantsUrl = `/certificates/${f.certificate.id}/grants`
    const otherAdmin = await verifiedUser('周别家')
    const other = await claimedOrg(otherAdmin, { members: [] })
    const foreign = await asApplicant(client.get(grantsUrl), otherAdmin).withSession(
      acting(other.adminMembership.id)
    )
    foreign.assertStatus(404)
    const foreignPost = await asApplicant(client.post(grantsUrl), otherAdmin)
      .withSession(acting(other.adminMembership.id))
      .withCsrfToken()
      .form({ user_id: otherAdmin.id, from: day(0), to: day(3) })
    foreignPost.assertStatus(404)

    const asPerson = await asApplicant(client.get(grantsUrl), f.admin)
    asPerson.assertStatus(403)
    assert.include(asPerson.text(), '只有机构管理员可以授权证书')
    const handlerMembership = f.memberships[0]
    const asHandler = await asApplicant(client.post(grantsUrl), f.handler)
      .withSession(acting(handlerMembership.id))
      .withCsrfToken()
      .form({ user_id: f.member.id, from: day(0), to: day(3) })
    asHandler.assertStatus(403)
    assert.lengthOf(await CertificateGrant.query().where('certificate_id', f.certificate.id), 0)

    const { user, certificate } = await holderWith()
    const personal = await asApplicant(client.get(`/certificates/${certificate.id}/grants`), user)
    personal.assertStatus(409)
    assert.include(personal.text(), '不能授权他人')
  })
})
