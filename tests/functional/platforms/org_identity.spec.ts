import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import type User from '#accounts/models/user'
import { asApplicant } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { asOrg, certificateFor } from '#tests/functional/seals/helpers'
import { PIN, call, cmsVerified, holder, platform, scanAs } from './support.js'

/**
 * Enterprise identity (切换身份): acting for an org, the scan page offers
 * the org's certificates only and the platform gets loginUserType 02 with
 * the org's name and USCC; 扫码报告 made for an org are the org's — its
 * admins see every member's, org B sees none of org A's.
 */
async function orgWith(members: User[] = []) {
  const admin = await verifiedUser('郑管理')
  const made = await claimedOrg(admin, { members })
  return { admin, ...made }
}

/** the org's cloud certificate in the person's 我的证书 */
function orgCertificateOf(user: User, org: { name: string; uscc: string }) {
  return certificateFor(user, { name: org.name, idNumber: org.uscc, org })
}

/** scan and confirm acting for the org (membership id) */
function scanAsOrg(
  client: any,
  user: User,
  membershipId: string,
  tid: string,
  certificateId: string
) {
  return scanAs(client, (r) => asOrg(r, user, membershipId), tid, certificateId)
}

test.group('platforms · enterprise identity (切换身份) and the org’s 扫码报告', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('acting for an org: only its certificates are offered; login and sign give loginUserType 02 with the org’s name and USCC', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user, certificate: personal } = await holder({ name: '吴员工' })
    const { org, memberships } = await orgWith([user])
    const orgCert = await orgCertificateOf(user, org)
    /* an enterprise order made acting for the org: the certificate belongs to it */
    orgCert.orgId = org.id
    await orgCert.save()
    const membershipId = memberships[0].id

    const login = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    const refused = await scanAsOrg(client, user, membershipId, login.body.tid, personal.id)
    assert.include(refused.page.text(), `企业 · ${org.name}`)
    assert.include(refused.page.text(), orgCert.serial.slice(0, 16))
    assert.notInclude(refused.page.text(), personal.serial.slice(0, 16))
    refused.confirm.assertStatus(422)
    assert.equal(refused.confirm.body().field, 'certificate_id')
    assert.include(refused.confirm.body().error, org.name)

    const ok = await asOrg(client.post(`/platform-scan/${login.body.tid}`), user, membershipId)
      .withCsrfToken()
      .form({ certificate_id: orgCert.id, pin: PIN })
      .redirects(0)
    ok.assertStatus(302)
    const result = await call(p, 'GET', `/api/platform/sessions/${login.body.sessionId}/result`)
    assert.equal(result.body.result.loginUserType, '02')
    assert.equal(result.body.result.orgName, org.name)
    assert.equal(result.body.result.orgUscc, org.uscc)
    assert.equal(result.body.result.userName, '吴员工')
    assert.equal(result.body.result.certSn, orgCert.serial)

    const doc = Buffer.from('机构授权委托书')
    const hash = createHash('sha256').update(doc).digest('hex')
    const sign = await call(p, 'POST', '/api/platform/sessions', { type: 'sign', hash })
    const signed = await scanAsOrg(client, user, membershipId, sign.body.tid, orgCert.id)
    signed.confirm.assertStatus(302)
    const out = (await call(p, 'GET', `/api/platform/sessions/${sign.body.sessionId}/result`)).body
      .result
    assert.equal(out.loginUserType, '02')
    assert.equal(out.orgUscc, org.uscc)
    const verified = await cmsVerified(out.signature, doc)
    assert.equal(verified.code, 0, verified.stderr)

    /* as 自然人 the same person gets 01 with the personal certificate */
    const personalLogin = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    const asPerson = await asApplicant(client.get(`/platform-scan/${personalLogin.body.tid}`), user)
    assert.include(asPerson.text(), '个人 · 吴员工')
    assert.notInclude(asPerson.text(), orgCert.serial.slice(0, 16))
    await asApplicant(client.post(`/platform-scan/${personalLogin.body.tid}`), user)
      .withCsrfToken()
      .form({ certificate_id: personal.id, pin: PIN })
      .redirects(0)
    const mine = await call(
      p,
      'GET',
      `/api/platform/sessions/${personalLogin.body.sessionId}/result`
    )
    assert.equal(mine.body.result.loginUserType, '01')
    assert.isNull(mine.body.result.orgUscc)
  })

  test('扫码报告: an org admin sees the members’ scans for the org, a member their own, org B none of org A’s, the person’s own list leaves them out', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user: member } = await holder({ name: '冯员工' })
    const a = await orgWith([member])
    const b = await orgWith()
    const orgCert = await orgCertificateOf(member, a.org)
    const login = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
    const done = await scanAsOrg(client, member, a.memberships[0].id, login.body.tid, orgCert.id)
    done.confirm.assertStatus(302)
    const serial = orgCert.serial.slice(0, 16)
    const reports = (user: User, membershipId?: string) =>
      membershipId
        ? asOrg(client.get('/platform-scans'), user, membershipId)
        : asApplicant(client.get('/platform-scans'), user)

    const adminView = await reports(a.admin, a.adminMembership.id)
    adminView.assertStatus(200)
    assert.include(adminView.text(), serial)
    assert.include(adminView.text(), '冯员工')
    assert.include(adminView.text(), '全部成员')
    const memberView = await reports(member, a.memberships[0].id)
    assert.include(memberView.text(), serial)
    assert.notInclude((await reports(member)).text(), serial)
    const otherOrg = await reports(b.admin, b.adminMembership.id)
    assert.notInclude(otherOrg.text(), serial)
    assert.include(otherOrg.text(), '没有扫码记录')
    /* org B's admin naming org A's membership acts as 自然人, not as org A */
    const forged = await reports(b.admin, a.adminMembership.id)
    assert.notInclude(forged.text(), serial)
    assert.notInclude((await reports(a.admin)).text(), serial)
  })
})
