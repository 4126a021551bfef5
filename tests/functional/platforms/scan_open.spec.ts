import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import { runQueuedJobs } from '#core/queue/jobs'
import AuditLog from '#core/audit/audit_log'
import { armFault, armedFaults, disarmFaults } from '#core/fault_points'
import { createPackageProduct } from '#catalog/actions/products'
import Order from '#orders/models/order'
import Integration from '#platforms/models/integration'
import PlatformPackage from '#platforms/models/package'
import PlatformSession from '#platforms/models/session'
import { asApplicant } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { asOrg, certificateFor } from '#tests/functional/seals/helpers'
import { payWithSandbox } from '#tests/functional/orders/support'
import { makeProduct, prices } from '#tests/functional/catalog/catalog_helpers'
import { PIN, call, holder, platform, verifiedHolder, type PlayedPlatform } from './support.js'

/**
 * 开通 during a scan (issue 15 #1; 中标一证通 §18 可对未开通的 ca 机构进行开通):
 * the scan page of a platform that is not opened for the holder offers
 * 开通 (its package products, or its certificate wizard), the order keeps a
 * return link to the same scan, and once paid and opened the holder comes
 * back and the login completes. An order under way is shown (办理进度),
 * never a second one; an expired QR says so; another person's, another
 * org's or another platform's things are refused.
 */
let seq = 0

/** a platform that charges per use, with one package product on sale */
async function chargingPlatform(options: { price?: string } = {}) {
  const p = await platform()
  const integration = await Integration.findOrFail(p.integrationId)
  integration.chargePerUse = true
  await integration.save()
  const product = await createPackageProduct({
    platformId: integration.platformId,
    type: 'platform_package',
    code: `scan-open-${++seq}-${Date.now() % 100000}`,
    name: `扫码套餐 10 次`,
    price: options.price ?? '30',
    uses: 10,
    days: 365,
    status: 'on_sale',
  })
  return { p, integration, product }
}

async function loginSession(p: PlayedPlatform) {
  const created = await call(p, 'POST', '/api/platform/sessions', { type: 'login' })
  if (created.status !== 201) throw new Error(created.text)
  return created.body as { tid: string; sessionId: string }
}

async function ordersOf(userId: string) {
  return Order.query().where('user_id', userId).orderBy('created_at', 'desc')
}

function openScan(client: any, user: User, tid: string, productId: string) {
  return asApplicant(client.post(`/platform-scan/${tid}/open`), user)
    .withCsrfToken()
    .form({ product_id: productId })
    .redirects(0)
}

test.group('platforms · 开通 during a scan', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  test('scan → 开通 → pay (sandbox) → back to the same scan → the login completes and takes one use', async ({
    client,
    assert,
  }) => {
    const { p, integration, product } = await chargingPlatform()
    const { user, certificate } = await verifiedHolder({ name: '秦投标' })
    const { tid, sessionId } = await loginSession(p)

    const page = await asApplicant(client.get(`/platform-scan/${tid}`), user)
    page.assertStatus(200)
    assert.include(page.text(), `开通${integration.platformName}`)
    assert.include(page.text(), '扫码套餐 10 次')
    assert.include(page.text(), '开通并支付')
    /* no dead end, and no PIN form that could only be refused */
    assert.notInclude(page.text(), '确认授权登录')

    const opened = await openScan(client, user, tid, product.id)
    opened.assertStatus(302)
    const [order] = await ordersOf(user.id)
    opened.assertHeader('location', `/orders/${order.orderNo}/pay`)
    assert.equal(order.serviceType, 'package_new')
    assert.equal(order.returnTo, `/platform-scan/${tid}`)
    assert.equal(order.returnLabel, '返回扫码继续')

    /* while it waits for payment the scan page shows its 办理进度, not a second offer */
    const waiting = await asApplicant(client.get(`/platform-scan/${tid}`), user)
    assert.include(waiting.text(), '办理进度')
    assert.include(waiting.text(), order.orderNo)
    assert.include(waiting.text(), '立即支付')
    assert.notInclude(waiting.text(), '开通并支付')

    const { payment } = await payWithSandbox(client, user, order.orderNo)
    await order.refresh()
    assert.equal(order.status, 'approved')
    /* the payment result page leads back to the scan in one tap, beside 查看订单 */
    const paid = await asApplicant(client.get(`/payments/${payment.id}`), user)
    assert.include(paid.text(), '支付完成')
    assert.include(paid.text(), `href="/orders/${order.orderNo}"`)
    assert.match(
      paid.text(),
      new RegExp(`<a [^>]*href="/platform-scan/${tid}"[^>]*>返回扫码继续</a>`)
    )
    const opening = await asApplicant(client.get(`/platform-scan/${tid}`), user)
    assert.include(opening.text(), '已支付，套餐开通中')

    await runQueuedJobs()
    await order.refresh()
    assert.equal(order.status, 'completed')
    const shown = await asApplicant(client.get(`/orders/${order.orderNo}`), user)
    assert.include(shown.text(), '套餐已开通，可以回到原页面继续')
    assert.include(shown.text(), `href="/platform-scan/${tid}"`)
    assert.include(shown.text(), '返回扫码继续')

    const back = await asApplicant(client.get(`/platform-scan/${tid}`), user)
    back.assertStatus(200)
    assert.include(back.text(), '确认授权登录')
    assert.notInclude(back.text(), '开通并支付')
    const confirm = await asApplicant(client.post(`/platform-scan/${tid}`), user)
      .withCsrfToken()
      .form({ certificate_id: certificate.id, pin: PIN })
      .redirects(0)
    confirm.assertStatus(302)
    const result = await call(p, 'GET', `/api/platform/sessions/${sessionId}/result`)
    assert.equal(result.status, 200)
    assert.equal(result.body.state, 'done')
    assert.equal(result.body.result.loginUserType, '01')
    const pkg = await PlatformPackage.findByOrFail('user_id', user.id)
    assert.equal(pkg.usedUses, 1)
    assert.lengthOf(await ordersOf(user.id), 1)
  }).timeout(60_000)

  test('the payment result page offers 返回扫码继续 only for an order that carries an on-site return link; another person’s payment page is 404', async ({
    client,
    assert,
  }) => {
    const { p, product } = await chargingPlatform()
    const user = await verifiedUser('钱回链')
    const { tid } = await loginSession(p)
    const opened = await openScan(client, user, tid, product.id)
    opened.assertStatus(302)
    const [order] = await ordersOf(user.id)
    const { payment } = await payWithSandbox(client, user, order.orderNo)
    const page = () => asApplicant(client.get(`/payments/${payment.id}`), user)
    assert.include((await page()).text(), `href="/platform-scan/${tid}"`)

    /* a link that is not a path of this site (stored by other means) is never shown */
    for (const returnTo of ['https://evil.example/x', '//evil.example/x', 'javascript:alert(1)']) {
      await Order.query().where('id', order.id).update({ return_to: returnTo })
      const shown = await page()
      assert.include(shown.text(), '支付完成')
      assert.notInclude(shown.text(), '返回扫码继续', returnTo)
      assert.notInclude(shown.text(), 'evil.example', returnTo)
      assert.include(shown.text(), '查看订单')
    }

    /* an order without a return link: 查看订单 only */
    await Order.query().where('id', order.id).update({ return_to: null, return_label: null })
    const plain = await page()
    assert.include(plain.text(), '查看订单')
    assert.notInclude(plain.text(), '返回扫码继续')

    const other = await verifiedUser('孙旁人')
    const peek = await asApplicant(client.get(`/payments/${payment.id}`), other)
    peek.assertStatus(404)
    assert.notInclude(peek.text(), '/platform-scan/')
  })

  test('a crash after the order commits: the retry (or a second tap) goes to the same order, one order only', async ({
    client,
    assert,
  }) => {
    const { p, product } = await chargingPlatform()
    const { user } = await verifiedHolder({ name: '韩重试' })
    const { tid } = await loginSession(p)
    await asApplicant(client.get(`/platform-scan/${tid}`), user)
    armFault('platforms.scan.after_order')
    const crashed = await openScan(client, user, tid, product.id)
    assert.deepEqual(armedFaults(), [], 'the fault was hit')
    assert.equal(crashed.status(), 500)
    const [order] = await ordersOf(user.id)
    assert.equal(order.status, 'pending_payment')

    const retry = await openScan(client, user, tid, product.id)
    retry.assertStatus(302)
    retry.assertHeader('location', `/orders/${order.orderNo}/pay`)
    assert.lengthOf(await ordersOf(user.id), 1)
  })

  test('the QR expires while paying: the scan page says so and offers to rescan; 开通 is refused; the package stays', async ({
    client,
    assert,
  }) => {
    const { p, product } = await chargingPlatform()
    const { user } = await verifiedHolder({ name: '魏过期' })
    const { tid } = await loginSession(p)
    await asApplicant(client.get(`/platform-scan/${tid}`), user)
    await openScan(client, user, tid, product.id)
    const [order] = await ordersOf(user.id)
    await payWithSandbox(client, user, order.orderNo)
    await runQueuedJobs()

    const session = await PlatformSession.findByOrFail('tid', tid)
    session.expiresAt = DateTime.utc().minus({ minutes: 1 })
    await session.save()
    const back = await asApplicant(client.get(`/platform-scan/${tid}`), user)
    back.assertStatus(200)
    assert.include(back.text(), '二维码已过期')
    assert.include(back.text(), '刷新二维码')
    assert.include(back.text(), '重新扫码')
    assert.notInclude(back.text(), '确认授权登录')
    await session.refresh()
    assert.equal(session.state, 'expired')
    const expiredEntries = await AuditLog.query()
      .where('action', 'platforms.session.expire')
      .where('subject_id', session.id)
    assert.lengthOf(expiredEntries, 1)

    const again = await openScan(client, user, tid, product.id)
    again.assertStatus(302)
    assert.include(again.flashMessages()?.error ?? '', '二维码已过期')
    assert.lengthOf(await ordersOf(user.id), 1)
    assert.equal((await PlatformPackage.query().where('user_id', user.id)).length, 1)

    /* a new QR of the platform: the package is there, the login goes through */
    const { tid: fresh } = await loginSession(p)
    const page = await asApplicant(client.get(`/platform-scan/${fresh}`), user)
    assert.include(page.text(), '确认授权登录')
  })

  test('refusals: another person’s session (404), another platform’s product (at the field), an opened platform (409), org B (404)', async ({
    client,
    assert,
  }) => {
    const { p, product } = await chargingPlatform()
    const other = await chargingPlatform()
    const { user } = await verifiedHolder({ name: '蒋本人' })
    const { tid } = await loginSession(p)
    await asApplicant(client.get(`/platform-scan/${tid}`), user)

    /* another person: the session is the first scanner's */
    const stranger = await verifiedUser('沈路人')
    ;(await asApplicant(client.get(`/platform-scan/${tid}`), stranger)).assertStatus(404)
    ;(await openScan(client, stranger, tid, product.id)).assertStatus(404)
    assert.lengthOf(await ordersOf(stranger.id), 0)

    /* another platform's (tenant's) product on this platform's session */
    const elsewhere = await openScan(client, user, tid, other.product.id)
    elsewhere.assertStatus(302)
    assert.include(
      (elsewhere.flashMessages() as any).inputErrorsBag.product_id[0],
      '该套餐已下架或不存在'
    )
    assert.lengthOf(await ordersOf(user.id), 0)

    /* org B: acting for org A, a member of org B gets nothing of it */
    const member = (await verifiedHolder({ name: '杨员工' })).user
    const { org, memberships } = await claimedOrg(await verifiedUser('朱管理'), {
      members: [member],
    })
    const orgCert = await certificateFor(member, { name: org.name, idNumber: org.uscc, org })
    orgCert.orgId = org.id
    await orgCert.save()
    const { tid: orgTid } = await loginSession(p)
    const asA = (r: any) => asOrg(r, member, memberships[0].id)
    const orgPage = await asA(client.get(`/platform-scan/${orgTid}`))
    assert.include(orgPage.text(), `企业 · ${org.name}`)
    assert.include(orgPage.text(), '本机构尚未开通或套餐余量已用完')
    const bAdmin = await verifiedUser('何管理')
    const orgB = await claimedOrg(bAdmin)
    const asB = (r: any) => asOrg(r, bAdmin, orgB.adminMembership.id)
    ;(await asB(client.get(`/platform-scan/${orgTid}`))).assertStatus(404)
    ;(
      await asB(client.post(`/platform-scan/${orgTid}/open`))
        .withCsrfToken()
        .form({ product_id: product.id })
        .redirects(0)
    ).assertStatus(404)
    assert.lengthOf(await ordersOf(bAdmin.id), 0)

    /* acting for org A the package ordered is org A's */
    const placed = await asA(client.post(`/platform-scan/${orgTid}/open`))
      .withCsrfToken()
      .form({ product_id: product.id })
      .redirects(0)
    placed.assertStatus(302)
    const [orgOrder] = await ordersOf(member.id)
    assert.equal(orgOrder.orgId, org.id)
    await payWithSandbox(client, member, orgOrder.orderNo)
    await runQueuedJobs()
    const pkg = await PlatformPackage.findByOrFail('org_id', org.id)
    assert.isNull(pkg.userId)
    const opened = await asA(client.post(`/platform-scan/${orgTid}/open`))
      .withCsrfToken()
      .form({ product_id: product.id })
      .redirects(0)
    assert.include(opened.flashMessages()?.error ?? '', '已开通')
    assert.lengthOf(await ordersOf(member.id), 1)
    const ready = await asA(client.get(`/platform-scan/${orgTid}`))
    assert.include(ready.text(), '确认授权登录')
    const orgLogin = await asA(client.post(`/platform-scan/${orgTid}`))
      .withCsrfToken()
      .form({ certificate_id: orgCert.id, pin: PIN })
      .redirects(0)
    orgLogin.assertStatus(302)
    await pkg.refresh()
    assert.equal(pkg.usedUses, 1, 'the org’s package pays for the org’s scan')
  }).timeout(60_000)

  test('no certificate: 开通 goes to the platform’s certificate wizard keeping the return link; with an order under review the page shows its 办理进度 instead', async ({
    client,
    assert,
  }) => {
    const { p, integration } = await chargingPlatform()
    const cloud = await makeProduct({
      platformId: integration.platformId,
      name: '个人移动证书',
      medium: 'cloud',
      certKind: 'personal',
      deliveryMethods: ['online_install'],
      validityOptions: prices(24000),
    } as any)
    const user = await verifiedUser('尤新人')
    const { tid } = await loginSession(p)
    const page = await asApplicant(client.get(`/platform-scan/${tid}`), user)
    page.assertStatus(200)
    assert.include(page.text(), '您没有可用的证书')
    assert.include(page.text(), '尚未在该平台开通 CA')
    const applyUrl = `/apply/${integration.platformId}?return_to=${encodeURIComponent(`/platform-scan/${tid}`)}`
    assert.include(page.text(), applyUrl.replace(/&/g, '&amp;').split('&')[0])
    assert.include(page.text(), '开通：办理本平台证书')

    const wizard = await asApplicant(
      client.get(`/apply/${integration.platformId}`).qs({
        return_to: `/platform-scan/${tid}`,
        return_label: '返回扫码继续',
      }),
      user
    )
    wizard.assertStatus(200)
    assert.include(wizard.text(), `name="return_to" value="/platform-scan/${tid}"`)
    /* a link elsewhere is never kept */
    const foreign = await asApplicant(
      client.get(`/apply/${integration.platformId}`).qs({ return_to: '//evil.example/x' }),
      user
    )
    assert.notInclude(foreign.text(), 'name="return_to"')
    /* 下一步: the draft keeps the return link (a foreign one is dropped) */
    const started = await asApplicant(client.post('/apply'), user)
      .withCsrfToken()
      .form({
        product_id: cloud.id,
        years: '1',
        return_to: `/platform-scan/${tid}`,
        return_label: '返回扫码继续',
      })
      .redirects(0)
    started.assertStatus(302)
    const draft = (await ordersOf(user.id))[0]
    assert.equal(draft.returnTo, `/platform-scan/${tid}`)
    assert.equal(draft.returnLabel, '返回扫码继续')
    await draft.delete()
    await asApplicant(client.post('/apply'), user)
      .withCsrfToken()
      .form({ product_id: cloud.id, years: '1', return_to: 'https://evil.example/' })
    const dropped = (await ordersOf(user.id))[0]
    assert.isNull(dropped.returnTo)
    await dropped.delete()

    /* a certificate order under way on this platform: its 办理进度, no second order offered */
    const order = new Order()
    order.fill({
      orderNo: `2026${String(Date.now()).slice(-11)}${String(++seq).padStart(4, '0')}`,
      userId: user.id,
      orgId: null,
      serviceType: 'new',
      status: 'pending_review',
      paymentState: 'paid',
      wizardStep: 'confirm',
      platformId: integration.platformId,
      platformName: integration.platformName,
      productId: '00000000-0000-4000-8000-000000000001',
      productSnapshot: { name: '个人移动证书' } as any,
      certKind: 'personal',
      medium: 'cloud',
      years: 1,
      listPriceFen: 100,
      amountFen: 100,
      reviewMode: 'after_payment',
      reviewRequired: true,
      subjectType: 'person',
      subjectName: '尤新人',
      agreementVersion: '1',
      reviewCount: 0,
      deliveryMethod: 'online_install',
      returnTo: `/platform-scan/${tid}`,
      returnLabel: '返回扫码继续',
    } as any)
    await order.save()
    const pending = await asApplicant(client.get(`/platform-scan/${tid}`), user)
    assert.include(pending.text(), '办理进度')
    assert.include(pending.text(), '证书正在办理中')
    assert.include(pending.text(), order.orderNo)
    assert.include(pending.text(), '待审核')
    assert.notInclude(pending.text(), '开通：办理本平台证书')
  })
  test('not yet real-name verified: 开通 sends to 实名认证 first, then back to the same scan; no order', async ({
    client,
    assert,
  }) => {
    const { p, product } = await chargingPlatform()
    const { user } = await holder({ name: '许未认证' })
    const { tid } = await loginSession(p)
    await asApplicant(client.get(`/platform-scan/${tid}`), user)
    const sent = await openScan(client, user, tid, product.id)
    sent.assertStatus(302)
    sent.assertHeader('location', '/account/real-name')
    assert.equal(sent.session().after_real_name, `/platform-scan/${tid}`)
    assert.lengthOf(await ordersOf(user.id), 0)
  })
})
