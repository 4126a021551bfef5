import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import { dbTime } from '#core/db_time'
import type User from '#accounts/models/user'
import { grantSeals, withdrawGrant } from '#seals/actions/grants'
import { makeSealFromTemplate, revokeSeal } from '#seals/actions/seals'
import { usagesOf } from '#seals/queries/seals'
import Seal from '#seals/models/seal'
import SealGrant from '#seals/models/seal_grant'
import Membership from '#orgs/models/membership'
import PlatformSession from '#platforms/models/session'
import { pinState } from '#certificates/queries/certificates'
import { asApplicant } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { certificateFor, sealPackageFor } from '#tests/functional/seals/helpers'
import { PIN, call, cmsVerified, holder, platform, scanAndConfirm } from './support.js'

/**
 * 签章 (qrSealSign): the holder picks one of the seals they may use now —
 * an org seal authorised to them for a window — and the platform gets the
 * seal image, its GB/T 38540 data and a signature OpenSSL verifies; a
 * 用章记录 is written. A seal not usable now is refused with a Chinese
 * message before the PIN is spent.
 */
async function orgSealGrantedTo(member: User) {
  const admin = await verifiedUser('张管理')
  const { org, memberships } = await claimedOrg(admin, { members: [member] })
  const orgCert = { name: org.name, uscc: org.uscc }
  await certificateFor(admin, { name: org.name, idNumber: org.uscc, org: orgCert })
  await sealPackageFor(org.id)
  const owner = { type: 'org' as const, userId: admin.id, orgId: org.id, orgName: org.name }
  const { seal } = await makeSealFromTemplate(
    { ...owner, uscc: org.uscc },
    { kind: 'contract', text: org.name }
  )
  await Seal.query().where('id', seal.id).update({ status: 'active' })
  const grant = await grantFor(org.id, member.id, seal.id)
  return { admin, org, membership: memberships[0], seal, grant }
}

/** 用章授权 from today for `days` more days (Beijing days) */
async function grantFor(orgId: string, userId: string, sealId: string, days = 3) {
  const today = DateTime.now().setZone('Asia/Shanghai').startOf('day')
  const [grant] = await grantSeals(orgId, {
    userIds: [userId],
    sealIds: [sealId],
    from: today.toISODate()!,
    to: today.plus({ days }).toISODate()!,
  })
  return grant
}

async function sealSession(p: Awaited<ReturnType<typeof platform>>, doc: Buffer) {
  const hash = createHash('sha256').update(doc).digest('hex')
  const created = await call(p, 'POST', '/api/platform/sessions', {
    type: 'seal_sign',
    hash,
    title: '投标文件.pdf',
  })
  return created.body as { sessionId: string; tid: string }
}

test.group('platforms · 签章 with a seal the holder may use now', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('an authorised org seal: the platform gets the image, the GB/T 38540 data and a signature openssl verifies; 用章记录 written', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user, certificate } = await holder({ name: '钱员工' })
    const { org, seal } = await orgSealGrantedTo(user)
    const doc = Buffer.from('投标文件：第二包，报价 880,000 元')
    const created = await sealSession(p, doc)
    const { page, confirm } = await scanAndConfirm(client, user, created.tid, certificate.id, PIN, {
      seal_id: seal.id,
    })
    page.assertStatus(200)
    assert.include(page.text(), '选择印章')
    assert.include(page.text(), seal.name)
    const image = await asApplicant(
      client.get(`/platform-scan/${created.tid}/seals/${seal.id}`),
      user
    )
    image.assertStatus(200)
    assert.equal(image.header('content-type'), 'image/png')
    confirm.assertStatus(302)
    const done = await asApplicant(client.get(`/platform-scan/${created.tid}/done`), user)
    assert.include(done.text(), '签章成功，验签成功')
    assert.include(done.text(), seal.code)

    const result = await call(p, 'GET', `/api/platform/sessions/${created.sessionId}/result`)
    const out = result.body.result
    assert.equal(out.verified, '验签成功')
    assert.equal(out.seal.sealId, seal.id)
    assert.equal(out.seal.esID, seal.code)
    const png = Buffer.from(out.seal.image, 'base64')
    assert.equal(png.subarray(1, 4).toString(), 'PNG')
    assert.equal(createHash('sha256').update(png).digest('hex'), out.seal.imageSha256)
    const data = JSON.parse(out.seal.sealData)
    assert.equal(data.esID, seal.code)
    assert.equal(data.picture.sha256, out.seal.imageSha256)
    assert.equal(data.property.type, 'org')
    const verified = await cmsVerified(out.signature, doc)
    assert.equal(verified.code, 0, verified.stderr)

    const usages = await usagesOf({ orgId: org.id, userId: user.id, allMembers: true })
    assert.lengthOf(usages, 1)
    assert.equal(usages[0].resourceName, '投标文件.pdf')
    assert.include(usages[0].systemName, '示例公共资源交易平台')
    assert.equal(usages[0].operation, '扫码签章')
  })

  test('a seal not usable now is refused at the field, the PIN untouched: no seal chosen, withdrawn or expired grant, revoked seal, removed member, someone else’s seal', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const { user, certificate } = await holder({ name: '孙员工' })
    const { org, seal, grant, membership } = await orgSealGrantedTo(user)
    const stranger = await holder({ name: '周外人' })
    const other = await orgSealGrantedTo(stranger.user)

    const refuse = async (sealId: string | undefined, message: RegExp, why: string) => {
      const created = await sealSession(p, Buffer.from(why))
      await asApplicant(client.get(`/platform-scan/${created.tid}`), user)
      const refused = await asApplicant(client.post(`/platform-scan/${created.tid}`), user)
        .withCsrfToken()
        .header('accept', 'application/json')
        .form({ certificate_id: certificate.id, pin: PIN, ...(sealId ? { seal_id: sealId } : {}) })
      assert.include([403, 422], refused.status(), why)
      assert.equal(refused.body().field, 'seal_id', why)
      assert.match(refused.body().error, message, why)
      const session = await PlatformSession.findOrFail(created.sessionId)
      assert.equal(session.state, 'scanned', why)
    }

    await refuse(undefined, /请选择要使用的印章/, 'no seal chosen')
    await refuse(other.seal.id, /无权使用该印章/, 'another org’s seal')
    await withdrawGrant(org.id, grant.id)
    await refuse(seal.id, /无权使用该印章/, 'withdrawn grant')

    const later = await grantFor(org.id, user.id, seal.id, 1)
    /* the window has passed (ended an hour ago) */
    await SealGrant.query()
      .where('id', later.id)
      .update({ ends_at: dbTime(DateTime.utc().minus({ hours: 1 }).toJSDate()) })
    await refuse(seal.id, /无权使用该印章/, 'expired grant')
    await SealGrant.query()
      .where('id', later.id)
      .update({ ends_at: dbTime(DateTime.utc().plus({ days: 1 }).toJSDate()) })
    await Membership.query().where('id', membership.id).update({ status: 'removed' })
    await refuse(seal.id, /无权使用该印章/, 'removed member')
    await Membership.query().where('id', membership.id).update({ status: 'active' })

    await revokeSeal(await Seal.findOrFail(seal.id), '机构印章遗失')
    await refuse(seal.id, /无权使用该印章/, 'revoked seal')

    assert.equal((await pinState(certificate))?.remainingAttempts, 5)
    const usages = await usagesOf({ orgId: org.id, userId: user.id, allMembers: true })
    assert.lengthOf(usages, 0)
  })
})
