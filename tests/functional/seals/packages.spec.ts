import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { runQueuedJobs } from '#core/queue/jobs'
import { armFault, armedFaults, disarmFaults } from '#core/fault_points'
import { RuleError } from '#core/rule_error'
import AuditLog from '#core/audit/audit_log'
import { createPackageProduct } from '#catalog/actions/products'
import Order from '#orders/models/order'
import { ensureCa } from '#tests/unit/issuance/support'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff } from '#tests/helpers/factories'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { makePlatform, makeRegion } from '#tests/functional/catalog/catalog_helpers'
import { payWithSandbox } from '#tests/functional/orders/support'
import { backoffPassed } from '#tests/functional/orders/crash_support'
import { asOrg, certificateFor, sealPackageFor } from '#tests/functional/seals/helpers'
import { makeSealFromTemplate, revokeSeal } from '#seals/actions/seals'
import { NO_QUOTA_MESSAGE } from '#seals/actions/packages'
import Seal from '#seals/models/seal'
import SealPackage from '#seals/models/seal_package'
import SealRequest from '#seals/models/seal_request'

/**
 * 印章套餐 (issue 13): an org admin buys a 电子印章套餐 of a platform
 * (platform → package → cashier → staff review), the seals module grants
 * it once (crash and retry); making an org seal takes one use (refused
 * with none left, the form kept), a seal refused in review gives it back;
 * another org's package is never bought, extended or used.
 */
let seq = 0

async function sealProduct(
  options: { seals?: number; days?: number; price?: string; review?: '1' | '0' } = {}
) {
  const region = await makeRegion({ name: `示例市${++seq}` })
  const platform = await makePlatform({ regionId: region.id, name: `示例交易平台${seq}` })
  const product = await createPackageProduct({
    platformId: platform.id,
    type: 'seal_package',
    code: `seal-${seq}-${Date.now() % 100000}`,
    name: `电子印章套餐 ${options.seals ?? 5} 枚`,
    price: options.price ?? '200',
    seals: options.seals ?? 5,
    days: options.days,
    review: options.review ?? '1',
    status: 'on_sale',
  })
  return { platform, product }
}

/** an org with its admin (acting for it) and, unless told not, an org certificate */
async function orgAdmin(name = '韩管理', options: { certificate?: boolean } = {}) {
  const admin = await verifiedUser(name)
  const member = await verifiedUser(`${name}员工`)
  const { org, adminMembership, memberships } = await claimedOrg(admin, { members: [member] })
  if (options.certificate !== false)
    await certificateFor(admin, {
      name: org.name,
      idNumber: org.uscc,
      org: { name: org.name, uscc: org.uscc },
    })
  const acting = (request: any) => asOrg(request, admin, adminMembership.id)
  const asMember = (request: any) => asOrg(request, member, memberships[0].id)
  const owner = {
    type: 'org' as const,
    userId: admin.id,
    orgId: org.id,
    orgName: org.name,
    uscc: org.uscc,
  }
  return { admin, member, org, acting, asMember, owner }
}

async function latestOrder(userId: string) {
  return Order.query().where('user_id', userId).orderBy('created_at', 'desc').first()
}

async function packagesOf(orgId: string) {
  return SealPackage.query().where('org_id', orgId)
}

/** 提交订单 and pay at the sandbox cashier: the order */
async function buyAndPay(
  client: any,
  setup: Awaited<ReturnType<typeof orgAdmin>>,
  url: string,
  form: Record<string, string>
) {
  const placed = await setup.acting(client.post(url)).withCsrfToken().form(form).redirects(0)
  placed.assertStatus(302)
  const order = (await latestOrder(setup.admin.id))!
  if (placed.header('location') !== `/orders/${order.orderNo}/pay`)
    throw new Error(`placed → ${placed.header('location')}`)
  await payWithSandbox(client, setup.admin, order.orderNo)
  await order.refresh()
  return order
}

async function approve(client: any, orderNo: string) {
  const reviewer = await createStaff(['reviewer'])
  const approved = await asStaff(client.post(`/admin/orders/${orderNo}/approve`), reviewer)
    .withCsrfToken()
    .redirects(0)
  approved.assertStatus(302)
}

function sealForm(org: { name: string }) {
  return { kind: 'contract', text: org.name, name: '合同专用章（测试）' }
}

test.group('seals · 印章套餐', (group) => {
  group.setup(async () => {
    await ensureCa()
  })
  group.each.teardown(() => disarmFaults())

  test('套餐产品 in the back office: an 电子印章套餐 with its seals, optional days and its review setting', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const region = await makeRegion({ name: '示例市（目录）' })
    const platform = await makePlatform({ regionId: region.id, name: '示例目录平台' })
    const form = await asStaff(client.get('/admin/catalog/packages/create'), admin)
    assert.include(form.text(), '支付后须工作人员审核，审核通过后开通')
    const base = {
      platform_id: platform.id,
      type: 'seal_package',
      name: '电子印章套餐 5 枚',
      price: '200',
      seals: '5',
      status: 'on_sale',
    }
    for (const [code, extra] of [
      ['seal-reviewed', { days: '365', review: '1' }],
      ['seal-direct', { review: '0' }],
    ] as const) {
      const saved = await asStaff(client.post('/admin/catalog/packages'), admin)
        .withCsrfToken()
        .form({ ...base, code, ...extra })
        .redirects(0)
      saved.assertStatus(302)
    }
    const reviewed = await db.from('products').where('code', 'seal-reviewed').firstOrFail()
    assert.deepEqual(JSON.parse(reviewed.spec), { seals: 5, days: 365, review: true })
    const direct = await db.from('products').where('code', 'seal-direct').firstOrFail()
    assert.deepEqual(JSON.parse(direct.spec), { seals: 5, review: false })
    const list = await asStaff(client.get('/admin/catalog/packages'), admin)
    assert.include(list.text(), '5 枚印章，365 天，支付后审核')
  })

  test('新办: platform → seal package → pay → 待审核 → staff approve → the job grants it once; 余量 on 印章管理 and 我的交易平台', async ({
    client,
    assert,
  }) => {
    const { platform, product } = await sealProduct({ seals: 5, days: 365 })
    const setup = await orgAdmin()
    const pick = await setup.acting(client.get('/my-platforms/seal-packages/new'))
    pick.assertStatus(200)
    assert.include(pick.text(), platform.name)
    assert.include(pick.text(), 'name="platform_id"')
    const choose = await setup.acting(
      client.get(`/my-platforms/seal-packages/new?platform_id=${platform.id}`)
    )
    assert.include(choose.text(), '电子印章套餐 5 枚')
    assert.include(choose.text(), '¥200.00')
    assert.include(choose.text(), '支付后经工作人员审核开通')

    const order = await buyAndPay(client, setup, '/my-platforms/seal-packages', {
      platform_id: platform.id,
      product_id: product.id,
    })
    assert.equal(order.serviceType, 'package_new')
    assert.equal(order.orgId, setup.org.id)
    assert.equal(order.status, 'pending_review', 'paid, waiting for staff (印章办理 §8)')
    assert.equal(await runQueuedJobs(), 0)
    assert.lengthOf(await packagesOf(setup.org.id), 0)

    await approve(client, order.orderNo)
    assert.equal(await runQueuedJobs(), 1)
    await order.refresh()
    assert.equal(order.status, 'completed')
    const [pkg] = await packagesOf(setup.org.id)
    assert.equal(pkg.totalSeals, 5)
    assert.equal(pkg.usedSeals, 0)
    assert.equal(pkg.platformId, platform.id)
    assert.equal(pkg.source, `订单 ${order.orderNo}`)
    assert.closeTo(pkg.expiresAt!.diff(DateTime.utc(), 'days').days, 365, 1)
    const granted = await AuditLog.query()
      .where('action', 'seals.package.grant')
      .where('subject_id', pkg.id)
    assert.lengthOf(granted, 1)

    const seals = await setup.acting(client.get('/seals'))
    assert.include(seals.text(), '印章套餐')
    assert.include(seals.text(), '余量 5 / 5 枚')
    assert.include(seals.text(), `/my-platforms/seal-packages/${pkg.id}/extend`)
    assert.include(seals.text(), '/my-platforms/seal-packages/new')
    const mine = await setup.acting(client.get('/my-platforms'))
    assert.include(mine.text(), '印章机构套餐')
    assert.include(mine.text(), '印章套餐余量：<strong>5</strong> 枚')
    const shown = await setup.acting(client.get(`/orders/${order.orderNo}`))
    assert.include(shown.text(), '电子印章套餐 5 枚')
    assert.include(shown.text(), '可制作 5 枚机构印章 · 365 天')

    /* done once: a second run grants nothing */
    assert.equal(await runQueuedJobs(), 0)
    assert.lengthOf(await packagesOf(setup.org.id), 1)
  })

  test('staff reject a paid seal package order: nothing granted, the applicant resubmits without paying again, approval grants it; the back office page shows the package', async ({
    client,
    assert,
  }) => {
    const { platform, product } = await sealProduct({ seals: 2 })
    const setup = await orgAdmin('邹管理')
    const order = await buyAndPay(client, setup, '/my-platforms/seal-packages', {
      platform_id: platform.id,
      product_id: product.id,
    })
    const reviewer = await createStaff(['reviewer'])
    const page = await asStaff(client.get(`/admin/orders/${order.orderNo}`), reviewer)
    page.assertStatus(200)
    assert.include(page.text(), '可制作 2 枚机构印章')
    const rejected = await asStaff(client.post(`/admin/orders/${order.orderNo}/reject`), reviewer)
      .withCsrfToken()
      .form({ reason_type: 'unclear', reason: '请先确认机构证书服务状态' })
      .redirects(0)
    rejected.assertStatus(302)
    await order.refresh()
    assert.equal(order.status, 'rejected')
    assert.equal(await runQueuedJobs(), 0)
    assert.lengthOf(await packagesOf(setup.org.id), 0)
    const fix = await setup.acting(client.get(`/orders/${order.orderNo}/fix`))
    fix.assertStatus(200)
    assert.include(fix.text(), '请先确认机构证书服务状态')
    const resubmitted = await setup
      .acting(client.post(`/orders/${order.orderNo}/resubmit`))
      .withCsrfToken()
      .redirects(0)
    resubmitted.assertStatus(302)
    await order.refresh()
    assert.equal(order.status, 'pending_review')
    assert.equal(order.paymentState, 'paid')
    await approve(client, order.orderNo)
    assert.equal(await runQueuedJobs(), 1)
    const [pkg] = await packagesOf(setup.org.id)
    assert.equal(pkg.totalSeals, 2)
    assert.isNull(pkg.expiresAt, 'a product without days: no expiry')
  })

  test('a product without review: paid → granted by the job at once; 延期 adds its seals and runs the validity on', async ({
    client,
    assert,
  }) => {
    const { platform, product } = await sealProduct({ seals: 3, days: 30, review: '0' })
    const setup = await orgAdmin('许管理')
    const order = await buyAndPay(client, setup, '/my-platforms/seal-packages', {
      platform_id: platform.id,
      product_id: product.id,
    })
    assert.equal(order.status, 'approved')
    assert.equal(await runQueuedJobs(), 1)
    const [pkg] = await packagesOf(setup.org.id)
    const expiry = DateTime.utc().plus({ days: 5 }).startOf('second')
    pkg.expiresAt = expiry
    pkg.usedSeals = 2
    await pkg.save()

    const page = await setup.acting(client.get(`/my-platforms/seal-packages/${pkg.id}/extend`))
    page.assertStatus(200)
    assert.include(page.text(), '印章套餐延期')
    assert.include(page.text(), '余量 1 / 3 枚')
    const extension = await buyAndPay(
      client,
      setup,
      `/my-platforms/seal-packages/${pkg.id}/extend`,
      { product_id: product.id }
    )
    assert.equal(extension.serviceType, 'package_extend')
    assert.equal(await runQueuedJobs(), 1)
    await pkg.refresh()
    assert.equal(pkg.totalSeals, 6)
    assert.equal(pkg.remaining, 4)
    assert.equal(pkg.expiresAt!.toMillis(), expiry.plus({ days: 30 }).toMillis())
    assert.lengthOf(await packagesOf(setup.org.id), 1)
    const extended = await AuditLog.query()
      .where('action', 'seals.package.extend')
      .where('subject_id', pkg.id)
    assert.lengthOf(extended, 1)
  })

  test('refusals: as a person, as a member, an org without a certificate service, an unknown or a 交易平台套餐 product — no order', async ({
    client,
    assert,
  }) => {
    const { platform, product } = await sealProduct()
    const setup = await orgAdmin('曹管理')
    const asPerson = await asApplicant(client.get('/my-platforms/seal-packages/new'), setup.admin)
    asPerson.assertStatus(403)
    assert.include(asPerson.text(), '请先切换身份为机构')
    const member = await setup.asMember(client.get('/my-platforms/seal-packages/new'))
    member.assertStatus(403)
    assert.include(member.text(), '只有机构管理员可以购买印章套餐')
    const memberPost = await setup
      .asMember(client.post('/my-platforms/seal-packages'))
      .withCsrfToken()
      .form({ platform_id: platform.id, product_id: product.id })
      .redirects(0)
    assert.include((memberPost.flashMessages() as any).error, '只有机构管理员可以购买印章套餐')

    const unknown = await setup
      .acting(client.post('/my-platforms/seal-packages'))
      .withCsrfToken()
      .form({ platform_id: platform.id, product_id: '00000000-0000-4000-8000-000000000000' })
      .redirects(0)
    unknown.assertStatus(302)
    assert.include(
      (unknown.flashMessages() as any).inputErrorsBag.product_id[0],
      '该套餐已下架或不存在'
    )
    const platformPackage = await createPackageProduct({
      platformId: platform.id,
      type: 'platform_package',
      code: `scan-${Date.now() % 100000}`,
      name: '扫码套餐',
      price: '10',
      uses: 10,
      days: 10,
      status: 'on_sale',
    })
    const wrongType = await setup
      .acting(client.post('/my-platforms/seal-packages'))
      .withCsrfToken()
      .form({ platform_id: platform.id, product_id: platformPackage.id })
      .redirects(0)
    assert.include(
      (wrongType.flashMessages() as any).inputErrorsBag.product_id[0],
      '该套餐已下架或不存在'
    )

    const bare = await orgAdmin('鲁管理', { certificate: false })
    const blocked = await bare.acting(
      client.get(`/my-platforms/seal-packages/new?platform_id=${platform.id}`)
    )
    blocked.assertStatus(200)
    assert.include(blocked.text(), '请先办理机构证书服务，再购买印章套餐')
    assert.notInclude(blocked.text(), '提交订单并支付')
    const refused = await bare
      .acting(client.post('/my-platforms/seal-packages'))
      .withCsrfToken()
      .form({ platform_id: platform.id, product_id: product.id })
      .redirects(0)
    assert.include(
      (refused.flashMessages() as any).inputErrorsBag.product_id[0],
      '请先办理机构证书服务'
    )
    for (const user of [setup.admin, setup.member, bare.admin])
      assert.isNull(await latestOrder(user.id))
  })

  test('IDOR: org B’s admin cannot see or extend org A’s package, and org B’s seal never takes org A’s use', async ({
    client,
    assert,
  }) => {
    const { product } = await sealProduct()
    const a = await orgAdmin('柏甲方')
    const b = await orgAdmin('水乙方')
    const pkg = await sealPackageFor(a.org.id, 2)
    const peek = await b.acting(client.get(`/my-platforms/seal-packages/${pkg.id}/extend`))
    peek.assertStatus(404)
    const steal = await b
      .acting(client.post(`/my-platforms/seal-packages/${pkg.id}/extend`))
      .withCsrfToken()
      .form({ product_id: product.id })
    steal.assertStatus(404)
    assert.isNull(await latestOrder(b.admin.id))
    /* the same org's member (not its admin) cannot extend it either */
    const member = await a.asMember(client.get(`/my-platforms/seal-packages/${pkg.id}/extend`))
    member.assertStatus(403)

    const made = await b
      .acting(client.post('/seals'))
      .withCsrfToken()
      .form(sealForm(b.org))
      .redirects(0)
    made.assertStatus(302)
    assert.equal((made.flashMessages() as any).inputErrorsBag.quota[0], NO_QUOTA_MESSAGE)
    await pkg.refresh()
    assert.equal(pkg.usedSeals, 0)
    assert.isNull(await Seal.query().where('org_id', b.org.id).first())
    const bSeals = await b.acting(client.get('/seals'))
    assert.notInclude(bSeals.text(), pkg.id)
  })

  test('a crash after the grant rolls the grant back with the order; the retry grants once', async ({
    client,
    assert,
  }) => {
    const { platform, product } = await sealProduct({ review: '0' })
    const setup = await orgAdmin('严管理')
    const order = await buyAndPay(client, setup, '/my-platforms/seal-packages', {
      platform_id: platform.id,
      product_id: product.id,
    })
    armFault('orders.package.after_grant')
    await runQueuedJobs()
    assert.deepEqual(armedFaults(), [], 'the fault was hit')
    await order.refresh()
    assert.equal(order.status, 'approved')
    assert.lengthOf(await packagesOf(setup.org.id), 0)
    assert.lengthOf(
      await AuditLog.query()
        .where('action', 'seals.package.grant')
        .where('data', 'like', `%${order.orderNo}%`),
      0
    )

    await backoffPassed()
    assert.equal(await runQueuedJobs(), 1)
    await order.refresh()
    assert.equal(order.status, 'completed')
    assert.lengthOf(await packagesOf(setup.org.id), 1)
  })

  test('making an org seal takes one use; with none left: refused at the form, what was typed kept, a link to buy', async ({
    client,
    assert,
  }) => {
    const setup = await orgAdmin('金管理')
    const none = await setup.acting(client.get('/seals/new'))
    assert.include(none.text(), '本机构没有可用的印章套餐')
    assert.include(none.text(), 'href="/my-platforms/seal-packages/new"')
    const refused = await setup
      .acting(client.post('/seals'))
      .withCsrfToken()
      .header('referer', '/seals/new')
      .form(sealForm(setup.org))
      .redirects(0)
    refused.assertStatus(302)
    assert.equal(refused.header('location'), '/seals/new')
    const flashed = refused.flashMessages() as any
    assert.equal(flashed.inputErrorsBag.quota[0], NO_QUOTA_MESSAGE)
    assert.equal(flashed.name, '合同专用章（测试）', 'what was typed comes back')
    const back = await setup.acting(client.get('/seals/new')).withSession({
      __flash__: flashed,
    })
    assert.include(back.text(), NO_QUOTA_MESSAGE)
    assert.include(back.text(), 'value="合同专用章（测试）"')
    assert.include(back.text(), '购买印章套餐')
    assert.isNull(await Seal.query().where('org_id', setup.org.id).first())

    const pkg = await sealPackageFor(setup.org.id, 1)
    const made = await setup
      .acting(client.post('/seals'))
      .withCsrfToken()
      .form(sealForm(setup.org))
      .redirects(0)
    made.assertStatus(302)
    const seal = await Seal.query().where('org_id', setup.org.id).firstOrFail()
    assert.equal(seal.packageId, pkg.id)
    await pkg.refresh()
    assert.equal(pkg.usedSeals, 1)
    assert.lengthOf(
      await AuditLog.query().where('action', 'seals.package.use').where('subject_id', pkg.id),
      1
    )
    const last = await setup
      .acting(client.post('/seals'))
      .withCsrfToken()
      .form(sealForm(setup.org))
      .redirects(0)
    assert.equal((last.flashMessages() as any).inputErrorsBag.quota[0], NO_QUOTA_MESSAGE)
    /* the photo flow is refused before the photo is read */
    const photo = await setup
      .acting(client.post('/seals/photo/recognise'))
      .withCsrfToken()
      .file('photo', Buffer.from('not read'), { filename: 'seal.jpg' })
      .fields({ kind: 'contract' })
      .redirects(0)
    assert.equal((photo.flashMessages() as any).inputErrorsBag.quota[0], NO_QUOTA_MESSAGE)
    /* an expired package counts for nothing */
    const expired = await sealPackageFor(setup.org.id, 3, 1)
    expired.expiresAt = DateTime.utc().minus({ days: 1 })
    await expired.save()
    await assert.rejects(
      () => makeSealFromTemplate(setup.owner, sealForm(setup.org)),
      NO_QUOTA_MESSAGE
    )

    /* a person's own seals take nothing (no package at all) */
    const person = await verifiedUser('贾个人')
    await certificateFor(person, { name: '贾个人', idNumber: person.realIdNumber! })
    const own = await asApplicant(client.post('/seals'), person)
      .withCsrfToken()
      .form({ kind: 'personal', text: '贾个人' })
      .redirects(0)
    own.assertStatus(302)
    const personal = await Seal.query().where('owner_user_id', person.id).firstOrFail()
    assert.equal(personal.status, 'active')
    assert.isNull(personal.packageId)
  })

  test('two seals made at once with one use left: one is made, the other refused', async ({
    assert,
  }) => {
    const setup = await orgAdmin('钟管理')
    const pkg = await sealPackageFor(setup.org.id, 1)
    const results = await Promise.allSettled([
      makeSealFromTemplate(setup.owner, { kind: 'contract', text: setup.org.name }),
      makeSealFromTemplate(setup.owner, { kind: 'finance', text: setup.org.name }),
    ])
    const made = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[]
    assert.lengthOf(made, 1)
    assert.lengthOf(refused, 1)
    assert.instanceOf(refused[0].reason, RuleError)
    assert.equal(refused[0].reason.message, NO_QUOTA_MESSAGE)
    await pkg.refresh()
    assert.equal(pkg.usedSeals, 1)
    assert.lengthOf(await Seal.query().where('org_id', setup.org.id), 1)
  })

  test('a seal refused in review gives its use back (audited); one withdrawn while 待审核 too; an approved one keeps it', async ({
    client,
    assert,
  }) => {
    const setup = await orgAdmin('戚管理')
    const pkg = await sealPackageFor(setup.org.id, 3)
    const reviewer = await createStaff(['reviewer'])
    const { seal, request } = await makeSealFromTemplate(setup.owner, sealForm(setup.org))
    await pkg.refresh()
    assert.equal(pkg.usedSeals, 1)
    const rejected = await asStaff(
      client.post(`/admin/reviews/seals/${request!.id}/reject`),
      reviewer
    )
      .withCsrfToken()
      .form({ reason_type: 'mismatch', review_reason: '章面与营业执照名称不一致' })
      .redirects(0)
    rejected.assertStatus(302)
    await seal.refresh()
    assert.equal(seal.status, 'rejected')
    assert.isNull(seal.packageId)
    await pkg.refresh()
    assert.equal(pkg.usedSeals, 0)
    const returned = await AuditLog.query()
      .where('action', 'seals.package.return')
      .where('subject_id', pkg.id)
    assert.lengthOf(returned, 1)

    const second = await makeSealFromTemplate(setup.owner, sealForm(setup.org))
    await revokeSeal(second.seal, '不再需要')
    await pkg.refresh()
    assert.equal(pkg.usedSeals, 0)

    const third = await makeSealFromTemplate(setup.owner, sealForm(setup.org))
    const approved = await asStaff(
      client.post(`/admin/reviews/seals/${third.request!.id}/approve`),
      reviewer
    )
      .withCsrfToken()
      .form({})
      .redirects(0)
    approved.assertStatus(302)
    await pkg.refresh()
    assert.equal(pkg.usedSeals, 1)
    await revokeSeal(await Seal.findOrFail(third.seal.id), '注销已生效的印章')
    await pkg.refresh()
    assert.equal(pkg.usedSeals, 1, 'a seal that was in force keeps its use')
    assert.equal(
      (await SealRequest.query().where('seal_id', third.seal.id).firstOrFail()).status,
      'approved'
    )
    assert.isAbove(
      Number((await db.from('seal_packages').where('id', pkg.id).first()).total_seals),
      0
    )
  })
})
