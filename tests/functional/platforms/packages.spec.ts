import { test } from '@japa/runner'
import Integration from '#platforms/models/integration'
import PlatformPackage from '#platforms/models/package'
import { grantPackage } from '#platforms/actions/packages'
import { pinState } from '#certificates/queries/certificates'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff } from '#tests/helpers/factories'
import { ensureCa } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { asOrg, certificateFor } from '#tests/functional/seals/helpers'
import { call, holder, platform, scanAs } from './support.js'

/**
 * 按量扣费 and 套餐余量 (中标一证通 §18): on a platform that charges per
 * use, each completed scan takes one use from the scanner's package (the
 * org's when acting for it); with none left the scan is refused before the
 * PIN; the remaining uses show on 我的交易平台.
 */
async function confirmLogin(client: any, p: any, signedIn: (r: any) => any, certId: string) {
  const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
  return { created, ...(await scanAs(client, signedIn, created.body.tid, certId)) }
}

test.group('platforms · 按量扣费 and 套餐余量', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('each scan takes one use from the package; 余量 shown; none left: refused before the PIN; the org’s package when acting for it', async ({
    client,
    assert,
  }) => {
    const p = await platform()
    const integration = await Integration.findOrFail(p.integrationId)
    integration.chargePerUse = true
    await integration.save()
    const { user, certificate } = await holder({ name: '何投标' })
    const asUser = (r: any) => asApplicant(r, user)

    const none = await confirmLogin(client, p, asUser, certificate.id)
    none.confirm.assertStatus(402)
    assert.equal(none.confirm.body().code, 'package_exhausted')
    assert.include(none.confirm.body().error, '套餐余量不足')
    assert.equal((await pinState(certificate))?.remainingAttempts, 5)

    await grantPackage(
      integration,
      { userId: user.id },
      { name: '扫码套餐（2 次）', totalUses: 2, days: 365, source: '后台开通' }
    )
    for (let i = 0; i < 2; i++) {
      const ok = await confirmLogin(client, p, asUser, certificate.id)
      assert.include([200, 302], ok.confirm.status(), ok.confirm.text())
    }
    const page = await asApplicant(client.get('/my-platforms'), user)
    assert.include(page.text(), '扫码套餐（2 次） · 余量 0 / 2 次')
    assert.include(page.text(), '按量扣费')
    const exhausted = await confirmLogin(client, p, asUser, certificate.id)
    exhausted.confirm.assertStatus(402)
    const pkg = await PlatformPackage.findByOrFail('user_id', user.id)
    assert.equal(pkg.usedUses, 2)

    /* acting for an org, the org's package pays, not the person's */
    const admin = await verifiedUser('曹管理')
    const { org, memberships } = await claimedOrg(admin, { members: [user] })
    const orgCert = await certificateFor(user, {
      name: org.name,
      idNumber: org.uscc,
      org: { name: org.name, uscc: org.uscc },
    })
    await grantPackage(
      integration,
      { orgId: org.id },
      { name: '机构扫码套餐', totalUses: 1, source: '后台开通' }
    )
    const asMember = (r: any) => asOrg(r, user, memberships[0].id)
    const paidByOrg = await confirmLogin(client, p, asMember, orgCert.id)
    assert.include([200, 302], paidByOrg.confirm.status(), paidByOrg.confirm.text())
    const orgPackage = await PlatformPackage.findByOrFail('org_id', org.id)
    assert.equal(orgPackage.usedUses, 1)
    await pkg.refresh()
    assert.equal(pkg.usedUses, 2)
    const orgPage = await asOrg(client.get('/my-platforms'), user, memberships[0].id)
    assert.include(orgPage.text(), '机构扫码套餐 · 余量 0 / 1 次')

    /* a platform that does not charge takes nothing */
    const free = await platform()
    const freeLogin = await confirmLogin(client, free, asUser, certificate.id)
    assert.include([200, 302], freeLogin.confirm.status(), freeLogin.confirm.text())
  })
  test('an integrator turns on 按量扣费 and opens packages for a phone and a USCC; an unknown holder is refused at the field; other staff get 403', async ({
    client,
    assert,
  }) => {
    const staff = await createStaff(['integrator'] as any)
    const p = await platform()
    const integration = await Integration.findOrFail(p.integrationId)
    const { user } = await holder({ name: '吕持有' })
    const admin = await verifiedUser('严管理')
    const { org } = await claimedOrg(admin)
    const url = `/admin/platforms/${integration.id}`
    const saved = await asStaff(client.put(url), staff)
      .withCsrfToken()
      .form({
        platform_id: integration.platformId,
        adapter: integration.adapter,
        platform_code: integration.platformCode,
        charge_per_use: '1',
        enabled: '1',
      })
      .redirects(0)
    saved.assertStatus(302)
    await integration.refresh()
    assert.isTrue(integration.chargePerUse)

    const grant = (form: Record<string, string>, who = staff) =>
      asStaff(client.post(`${url}/packages`), who)
        .withCsrfToken()
        .header('referer', url)
        .form(form)
        .redirects(0)
    ;(
      await grant({ holder: user.phone, name: '扫码套餐（10 次）', total_uses: '10' })
    ).assertStatus(302)
    ;(
      await grant({ holder: org.uscc, name: '机构扫码套餐', total_uses: '5', days: '30' })
    ).assertStatus(302)
    const unknown = await grant({ holder: '13900000000', name: '套餐', total_uses: '1' })
    unknown.assertStatus(302)
    assert.include((unknown.flashMessages() as any).inputErrorsBag.holder[0], '未找到')
    const page = await asStaff(client.get(url), staff)
    assert.include(page.text(), '个人 · 吕持有')
    assert.include(page.text(), `机构 · ${org.name}`)
    assert.include(page.text(), '10 / 10 次')
    assert.include(page.text(), '按量扣费（每次扫码扣 1 次套餐余量）')
    assert.lengthOf(await PlatformPackage.query().where('integration_id', integration.id), 2)

    const reviewer = await createStaff(['reviewer'] as any)
    ;(await grant({ holder: user.phone, name: '套餐', total_uses: '1' }, reviewer)).assertStatus(
      403
    )
  })
})
