import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { runQueuedJobs } from '#core/queue/jobs'
import { armFault, armedFaults, disarmFaults } from '#core/fault_points'
import { createPackageProduct } from '#catalog/actions/products'
import Order from '#orders/models/order'
import { fulfilPackageOrder } from '#orders/actions/packages'
import { issueApprovedOrder } from '#orders/actions/fulfilment'
import Integration from '#platforms/models/integration'
import PlatformPackage from '#platforms/models/package'
import { openPlatform } from '#platforms/actions/accounts'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { createStaff } from '#tests/helpers/factories'
import { claimedOrg, verifiedUser } from '#tests/functional/orgs/helpers'
import { asOrg } from '#tests/functional/seals/helpers'
import { payWithSandbox } from '#tests/functional/orders/support'
import { backoffPassed } from '#tests/functional/orders/crash_support'
import Refund from '#payments/models/refund'
import { onRefundState } from '#payments/refund_hooks'
import {
  applyForRefund,
  applyRefundOutcome,
  approveRefund,
  refundCrashPoints,
} from '#payments/actions/refunds'
import { reviewerOf } from '#core/staff'
import AuditLog from '#core/audit/audit_log'
import { platform } from './support.js'

/**
 * 套餐 bought as catalog products (中标一证通 §18): the back office's
 * 套餐产品, 我的交易平台 → 新办 / 延期 make an order paid through the
 * sandbox; the payment's job grants (or extends) the package exactly once.
 */
let seq = 0
async function forSale(options: { uses?: number; days?: number; price?: string } = {}) {
  const p = await platform()
  const integration = await Integration.findOrFail(p.integrationId)
  integration.chargePerUse = true
  await integration.save()
  const product = await createPackageProduct({
    platformId: integration.platformId,
    type: 'platform_package',
    code: `pkg-${++seq}-${Date.now() % 100000}`,
    name: `扫码套餐 ${options.uses ?? 50} 次`,
    price: options.price ?? '100',
    uses: options.uses ?? 50,
    days: options.days ?? 365,
    status: 'on_sale',
  })
  return { integration, product }
}

async function buyer(integration: Integration, name = '钱采购') {
  const user = await verifiedUser(name)
  await openPlatform(user.id, integration.id)
  return user
}

async function orderAndPay(client: any, user: any, url: string, form: Record<string, string>) {
  const placed = await asApplicant(client.post(url), user).withCsrfToken().form(form).redirects(0)
  placed.assertStatus(302)
  const order = await Order.query()
    .where('user_id', user.id)
    .orderBy('created_at', 'desc')
    .firstOrFail()
  placed.assertHeader('location', `/orders/${order.orderNo}/pay`)
  assert_(order.status === 'pending_payment', `order ${order.status}`)
  await payWithSandbox(client, user, order.orderNo)
  await order.refresh()
  return order
}

/** how many rows of the model the user has */
async function countOf(model: typeof Order | typeof PlatformPackage, userId: string) {
  return (await (model as typeof Order).query().where('user_id', userId)).length
}

function assert_(ok: boolean, message: string) {
  if (!ok) throw new Error(message)
}

test.group('platforms · 套餐 bought as products', (group) => {
  group.each.teardown(() => disarmFaults())

  test('套餐产品 in the back office: Chinese messages at the field; saved with its contents and one price; not among 证书产品', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const { integration } = await forSale()
    const base = {
      platform_id: integration.platformId,
      type: 'platform_package',
      code: 'scan-100',
      name: '扫码套餐 100 次',
      price: '180',
      status: 'on_sale',
    }
    const form = await asStaff(client.get('/admin/catalog/packages/create'), admin)
    form.assertStatus(200)
    assert.include(form.text(), '交易平台套餐（按次计费：次数 + 有效天数）')
    const missing = await asStaff(client.post('/admin/catalog/packages'), admin)
      .withCsrfToken()
      .form({ ...base, price: 'abc' })
      .redirects(0)
    missing.assertStatus(302)
    const errors = (missing.flashMessages() as any).inputErrorsBag
    assert.include(errors.price[0], '请输入正确的价格')
    const noUses = await asStaff(client.post('/admin/catalog/packages'), admin)
      .withCsrfToken()
      .form(base)
      .redirects(0)
    const bag = (noUses.flashMessages() as any).inputErrorsBag
    assert.equal(bag.uses[0], '请填写套餐包含的次数')
    assert.equal(bag.days[0], '请填写套餐的有效天数')
    assert.isNull(await db.from('products').where('code', 'scan-100').first())

    const saved = await asStaff(client.post('/admin/catalog/packages'), admin)
      .withCsrfToken()
      .form({ ...base, uses: '100', days: '180' })
      .redirects(0)
    saved.assertStatus(302)
    const row = await db.from('products').where('code', 'scan-100').firstOrFail()
    assert.equal(row.type, 'platform_package')
    assert.deepEqual(JSON.parse(row.spec), { uses: 100, days: 180 })
    assert.deepEqual(JSON.parse(row.validity_options), [
      { years: 1, enabled: true, priceFen: 18000 },
    ])
    const list = await asStaff(client.get('/admin/catalog/packages'), admin)
    assert.include(list.text(), '扫码套餐 100 次')
    assert.include(list.text(), '100 次，180 天')
    const products = await asStaff(client.get('/admin/catalog/products'), admin)
    assert.notInclude(products.text(), '扫码套餐 100 次')
    // a package is not edited on the certificate form
    const asCertificate = await asStaff(client.get(`/admin/catalog/products/${row.id}/edit`), admin)
    asCertificate.assertStatus(404)
    const seals = await asStaff(client.post('/admin/catalog/packages'), admin)
      .withCsrfToken()
      .form({ ...base, code: 'seals-5', type: 'seal_package' })
      .redirects(0)
    assert.equal((seals.flashMessages() as any).inputErrorsBag.seals[0], '请填写套餐可制作的印章数')
  })

  test('新办: buy → pay → the job grants the package (余量 shown); a retry grants nothing more', async ({
    client,
    assert,
  }) => {
    const { integration, product } = await forSale()
    const user = await buyer(integration)
    const page = await asApplicant(
      client.get(`/my-platforms/packages/new?integration_id=${integration.id}`),
      user
    )
    page.assertStatus(200)
    assert.include(page.text(), '扫码套餐 50 次')
    assert.include(page.text(), '¥100.00')

    const order = await orderAndPay(client, user, '/my-platforms/packages', {
      integration_id: integration.id,
      product_id: product.id,
    })
    assert.equal(order.serviceType, 'package_new')
    const paid = await db.from('payments').where('order_no', order.orderNo).firstOrFail()
    assert.equal(paid.subject, '扫码套餐 50 次')
    assert.equal(order.status, 'approved')
    assert.equal(await countOf(PlatformPackage, user.id), 0)
    /* 签发证书 (staff's retry) never sends a package order to the CA */
    assert.isFalse((await issueApprovedOrder(order.id)).issued)

    assert.equal(await runQueuedJobs(), 1)
    await order.refresh()
    assert.equal(order.status, 'completed')
    const pkg = await PlatformPackage.findByOrFail('user_id', user.id)
    assert.equal(pkg.totalUses, 50)
    assert.equal(pkg.source, `订单 ${order.orderNo}`)
    assert.closeTo(pkg.expiresAt!.diff(DateTime.utc(), 'days').days, 365, 1)
    const mine = await asApplicant(client.get('/my-platforms'), user)
    assert.include(mine.text(), '扫码套餐 50 次 · 余量 50 / 50 次')

    const shown = await asApplicant(client.get(`/orders/${order.orderNo}`), user)
    shown.assertStatus(200)
    assert.include(shown.text(), '扫码套餐 50 次')
    assert.include(shown.text(), '套餐信息')
    /* 办理进度 in a package's own words, never a certificate's */
    assert.include(shown.text(), '创建套餐订单')
    assert.include(shown.text(), '已支付，正在开通套餐')
    assert.include(shown.text(), '套餐已开通')
    assert.notInclude(shown.text(), '证书签发')
    assert.notInclude(shown.text(), '证书申请订单')
    const refund = await asApplicant(client.get(`/orders/${order.orderNo}/refund`), user)
    assert.include(refund.text(), '套餐已开通，不可退款')
    assert.notInclude(shown.text(), '取证方式')

    await grantsNothingMore(assert, order)
  })

  test('延期 (中标一证通 §13): the package’s validity runs on by the product’s days, its uses stay as they are; refusals: unknown product, another platform’s product, another’s package (404)', async ({
    client,
    assert,
  }) => {
    const { integration, product } = await forSale({ uses: 20, days: 30 })
    const user = await buyer(integration)
    const first = await orderAndPay(client, user, '/my-platforms/packages', {
      integration_id: integration.id,
      product_id: product.id,
    })
    await runQueuedJobs()
    await first.refresh()
    assert.equal(first.status, 'completed')
    const pkg = await PlatformPackage.findByOrFail('user_id', user.id)
    const expiry = DateTime.utc().plus({ days: 10 }).startOf('second')
    pkg.expiresAt = expiry
    await pkg.save()

    const page = await asApplicant(client.get(`/my-platforms/packages/${pkg.id}/extend`), user)
    page.assertStatus(200)
    assert.include(page.text(), '套餐延期')
    const extension = await orderAndPay(client, user, `/my-platforms/packages/${pkg.id}/extend`, {
      product_id: product.id,
    })
    assert.equal(extension.serviceType, 'package_extend')
    assert.equal(await runQueuedJobs(), 1)
    await pkg.refresh()
    assert.equal(pkg.totalUses, 20, '延期 extends the validity only')
    assert.equal(pkg.expiresAt!.toMillis(), expiry.plus({ days: 30 }).toMillis())
    const done = await asApplicant(client.get(`/orders/${extension.orderNo}`), user)
    assert.include(done.text(), '套餐已延期')
    assert.include(done.text(), '已支付，正在延期套餐')
    assert.notInclude(done.text(), '证书签发')
    assert.equal(await countOf(PlatformPackage, user.id), 1)

    const orders = () => countOf(Order, user.id)
    const before = await orders()
    /* a package with no use left: 延期 would only lengthen nothing — 新办 instead */
    pkg.usedUses = pkg.totalUses
    await pkg.save()
    const usedUp = await asApplicant(client.get(`/my-platforms/packages/${pkg.id}/extend`), user)
    assert.include(usedUp.text(), '该套餐次数已用完')
    assert.notInclude(usedUp.text(), '提交订单并支付')
    const refusedExtend = await asApplicant(
      client.post(`/my-platforms/packages/${pkg.id}/extend`),
      user
    )
      .withCsrfToken()
      .form({ product_id: product.id })
      .redirects(0)
    assert.include(
      (refusedExtend.flashMessages() as any).inputErrorsBag.product_id[0],
      '该套餐次数已用完'
    )
    assert.equal(await orders(), before)
    const unknown = await asApplicant(client.post('/my-platforms/packages'), user)
      .withCsrfToken()
      .form({ integration_id: integration.id, product_id: '00000000-0000-4000-8000-000000000000' })
      .redirects(0)
    unknown.assertStatus(302)
    assert.include(
      (unknown.flashMessages() as any).inputErrorsBag.product_id[0],
      '该套餐已下架或不存在'
    )
    const other = await forSale()
    const elsewhere = await asApplicant(client.post('/my-platforms/packages'), user)
      .withCsrfToken()
      .form({ integration_id: integration.id, product_id: other.product.id })
      .redirects(0)
    assert.include(
      (elsewhere.flashMessages() as any).inputErrorsBag.product_id[0],
      '该套餐已下架或不存在'
    )
    assert.equal(await orders(), before)

    const stranger = await buyer(integration, '孙路人')
    const peek = await asApplicant(client.get(`/my-platforms/packages/${pkg.id}/extend`), stranger)
    peek.assertStatus(404)
    const steal = await asApplicant(
      client.post(`/my-platforms/packages/${pkg.id}/extend`),
      stranger
    )
      .withCsrfToken()
      .form({ product_id: product.id })
    steal.assertStatus(404)
    const noPlatform = await asApplicant(
      client.get('/my-platforms/packages/new?integration_id=nope'),
      user
    )
    noPlatform.assertStatus(404)
    assert.equal(await countOf(Order, stranger.id), 0)
  })

  test('acting for an org, the package bought is the org’s (not the person’s); the person not acting for it gets a 404 on its 延期', async ({
    client,
    assert,
  }) => {
    const { integration, product } = await forSale()
    const user = await buyer(integration, '郑经办')
    const admin = await verifiedUser('冯管理')
    const { org, memberships } = await claimedOrg(admin, { members: [user] })
    const acting = (r: any) => asOrg(r, user, memberships[0].id)
    const page = await acting(
      client.get(`/my-platforms/packages/new?integration_id=${integration.id}`)
    )
    assert.include(page.text(), org.name)
    const placed = await acting(client.post('/my-platforms/packages'))
      .withCsrfToken()
      .form({ integration_id: integration.id, product_id: product.id })
      .redirects(0)
    placed.assertStatus(302)
    const order = await Order.query().where('user_id', user.id).firstOrFail()
    assert.equal(order.orgId, org.id)
    await payWithSandbox(client, user, order.orderNo)
    assert.equal(await runQueuedJobs(), 1)
    const pkg = await PlatformPackage.findByOrFail('org_id', org.id)
    assert.isNull(pkg.userId)
    assert.equal(await countOf(PlatformPackage, user.id), 0)
    const asPerson = await asApplicant(client.get(`/my-platforms/packages/${pkg.id}/extend`), user)
    asPerson.assertStatus(404)
    const asOrgMember = await acting(client.get(`/my-platforms/packages/${pkg.id}/extend`))
    asOrgMember.assertStatus(200)
  })

  test('a crash after the grant rolls the grant back with the order; the retry grants once', async ({
    client,
    assert,
  }) => {
    const { order } = await paidPackageOrder(client)
    await grantCrashesThenRetries(assert, order)
  })
  test('a refund asked before the package is opened and then refused: the order goes on, the package is granted once, audited', async ({
    client,
    assert,
  }) => {
    const { user, order } = await paidPackageOrder(client)
    assert.equal(order.status, 'approved')
    /* 退费申请 before the job ran: the job grants nothing while the money may go back */
    const asked = await askRefund(client, user, order.orderNo)
    asked.assertStatus(302)
    await order.refresh()
    assert.equal(order.paymentState, 'refunding')
    await runQueuedJobs()
    await order.refresh()
    assert.equal(order.status, 'approved')
    assert.equal(await countOf(PlatformPackage, user.id), 0)

    /* finance refuses the refund: the order is paid again and the package is opened */
    await financeRejectsRefund(client, order.orderNo, '套餐即将开通，不予退款')
    await order.refresh()
    assert.equal(order.paymentState, 'paid')
    assert.equal(await runQueuedJobs(), 1)
    await order.refresh()
    assert.equal(order.status, 'completed')
    assert.equal(await countOf(PlatformPackage, user.id), 1)
    const resumed = await AuditLog.query()
      .where('action', 'orders.order.package_resumed')
      .where('subject_id', order.orderNo)
    assert.lengthOf(resumed, 1)
    const shown = await asApplicant(client.get(`/orders/${order.orderNo}`), user)
    assert.include(shown.text(), '退款未通过，继续开通套餐')
    assert.include(shown.text(), '套餐已开通')

    /* nothing more: another run, a retry of the fulfilment */
    await grantsNothingMore(assert, order)
  })

  test('a crash after the resumed grant rolls it back; the retry grants once', async ({
    client,
    assert,
  }) => {
    const { user, order } = await paidPackageOrder(client)
    const asked = await askRefund(client, user, order.orderNo)
    asked.assertStatus(302)
    await runQueuedJobs()
    await financeRejectsRefund(client, order.orderNo, '不予退款')
    await grantCrashesThenRetries(assert, order)
  })
  test('a refund that fails at the gateway stays open for finance to retry: nothing is granted meanwhile', async ({
    client,
    assert,
  }) => {
    const { user, order } = await paidPackageOrder(client)
    const asked = await askRefund(client, user, order.orderNo)
    asked.assertStatus(302)
    const refund = await Refund.query().where('order_no', order.orderNo).firstOrFail()
    /* approved, then the gateway says 退款失败 */
    refundCrashPoints.afterApprove = () => {
      throw new Error('stop before the gateway')
    }
    try {
      await approveRefund(refund.id, reviewerOf((await createStaff(['finance'])) as any)).catch(
        () => null
      )
    } finally {
      delete refundCrashPoints.afterApprove
    }
    await applyRefundOutcome(
      {
        refundNo: refund.refundNo,
        state: 'failed',
        gatewayRefundId: null,
        amountFen: null,
        reason: '余额不足',
        data: {},
      },
      'test'
    )
    await refund.refresh()
    assert.equal(refund.status, 'failed')
    await order.refresh()
    assert.equal(order.paymentState, 'paid')
    await runQueuedJobs()
    assert.isFalse(await fulfilPackageOrder(order.id))
    await order.refresh()
    assert.equal(order.status, 'approved')
    assert.equal(await countOf(PlatformPackage, user.id), 0)
    const resumed = await AuditLog.query()
      .where('action', 'orders.order.package_resumed')
      .where('subject_id', order.orderNo)
    assert.lengthOf(resumed, 0)
  })
})

/**
 * 退费申请 and 开通套餐 of one package order at the same time (the refund
 * decided under the order's row lock, the lock the grant takes): exactly
 * one of the two — the full refund before the grant (nothing granted), or
 * the grant, then the rule of a granted package (不可退款, no refund).
 */
async function askRefund(client: any, user: any, orderNo: string) {
  return asApplicant(client.post(`/orders/${orderNo}/refund`), user)
    .withCsrfToken()
    .header('referer', `/orders/${orderNo}/refund`)
    .form({ reason: '项目取消', note: '' })
    .redirects(0)
}

/** a paid 交易平台套餐 order of a new buyer, its package not granted yet */
async function paidPackageOrder(client: any, name = '钱采购') {
  const { integration, product } = await forSale()
  const user = await buyer(integration, name)
  const order = await orderAndPay(client, user, '/my-platforms/packages', {
    integration_id: integration.id,
    product_id: product.id,
  })
  return { user, order }
}

/**
 * the job's grant crashes after granting: the order stays 已审核 with no
 * package; once the backoff passed, the retry completes it with one package
 */
async function grantCrashesThenRetries(assert: any, order: Order) {
  armFault('orders.package.after_grant')
  await runQueuedJobs()
  assert.deepEqual(armedFaults(), [], 'the fault was hit')
  await order.refresh()
  assert.equal(order.status, 'approved')
  assert.equal(await countOf(PlatformPackage, order.userId), 0)

  await backoffPassed()
  assert.equal(await runQueuedJobs(), 1)
  await order.refresh()
  assert.equal(order.status, 'completed')
  assert.equal(await countOf(PlatformPackage, order.userId), 1)
}

/** the package granted once: a retry of the fulfilment and another job run add nothing */
async function grantsNothingMore(assert: any, order: Order) {
  assert.isFalse(await fulfilPackageOrder(order.id))
  assert.equal(await runQueuedJobs(), 0)
  assert.equal(await countOf(PlatformPackage, order.userId), 1)
}

/** finance 驳回 the order's refund through the back office */
async function financeRejectsRefund(client: any, orderNo: string, reason: string) {
  const refund = await Refund.query().where('order_no', orderNo).firstOrFail()
  const finance = await createStaff(['finance'])
  const rejected = await asStaff(
    client.post(`/admin/payments/refunds/${refund.id}/reject`),
    finance
  )
    .withCsrfToken()
    .form({ reject_reason: reason })
    .redirects(0)
  rejected.assertStatus(302)
}

/** what happened to the order: 'refund' (full, nothing granted) or 'grant' (no refund) */
async function outcomeOf(order: Order, assert: any): Promise<'refund' | 'grant'> {
  await order.refresh()
  const refunds = await Refund.query().where('order_no', order.orderNo)
  const granted = await countOf(PlatformPackage, order.userId)
  const grants = await AuditLog.query()
    .where('action', 'orders.order.issue')
    .where('subject_id', order.orderNo)
  const asked = await AuditLog.query()
    .where('action', 'payments.refund.request')
    .whereIn(
      'subject_id',
      refunds.map((r) => r.id)
    )
  if (refunds.length) {
    assert.lengthOf(refunds, 1, 'one refund')
    assert.equal(refunds[0].amountFen, order.amountFen, 'the full amount')
    assert.equal(refunds[0].status, 'requested')
    assert.equal(granted, 0, 'nothing granted while the money goes back')
    assert.equal(order.status, 'approved')
    assert.equal(order.paymentState, 'refunding')
    assert.lengthOf(grants, 0)
    assert.lengthOf(asked, 1, 'the request audited once')
    return 'refund'
  }
  assert.equal(granted, 1, 'the package granted once')
  assert.equal(order.status, 'completed')
  assert.equal(order.paymentState, 'paid')
  assert.lengthOf(grants, 1, 'the grant audited once')
  return 'grant'
}

test.group('platforms · 套餐: a refund asked while the package is granted', (group) => {
  group.each.teardown(() => {
    disarmFaults()
    delete refundCrashPoints.afterQuote
  })

  test('the package granted after the refund page read its rule (套餐尚未开通) and before the request decides: the request is refused with the granted package’s rule, no refund, the package once', async ({
    client,
    assert,
  }) => {
    const { user, order } = await paidPackageOrder(client, '孙同时')
    const page = await asApplicant(client.get(`/orders/${order.orderNo}/refund`), user)
    assert.include(page.text(), '套餐尚未开通，可全额退款')
    let granted: boolean | null = null
    refundCrashPoints.afterQuote = async () => {
      granted = await fulfilPackageOrder(order.id)
    }
    const asked = await askRefund(client, user, order.orderNo)
    assert.isTrue(granted, 'the grant ran in between')
    asked.assertStatus(302)
    assert.equal(asked.flashMessages().error, '套餐已开通，不可退款')
    assert.equal(await outcomeOf(order, assert), 'grant')
    assert.equal(await runQueuedJobs(), 1, 'the queued fulfilment finds it done')
    assert.equal(await countOf(PlatformPackage, user.id), 1)
  })

  test('a refund asked and the grant at the same moment (two concurrent calls, six orders): exactly one of the two for each order', async ({
    client,
    assert,
  }) => {
    const seen: string[] = []
    for (let i = 0; i < 6; i++) {
      const { user, order } = await paidPackageOrder(client, `孙并发${i}`)
      /*
       * the action itself (without the HTTP stack's head start); the grant
       * starts with it, or as it begins to decide, or while it holds the
       * order's lock (not awaited there: on PostgreSQL it waits for the
       * row lock, on SQLite for the connection)
       */
      let grant: Promise<boolean> | null = null
      const start = () => void (grant ??= fulfilPackageOrder(order.id))
      const off =
        i % 3 === 2
          ? onRefundState(async (event) => {
              if (event.orderNo === order.orderNo) start()
            })
          : () => {}
      if (i % 3 === 1) refundCrashPoints.afterQuote = start
      if (i % 3 === 0) start()
      const asked = await applyForRefund(user.id, order.orderNo, { reason: '项目取消' })
        .then(
          () => null,
          (error: Error) => error.message
        )
        .finally(() => {
          off()
          delete refundCrashPoints.afterQuote
        })
      const granted = await grant!
      const outcome = await outcomeOf(order, assert)
      seen.push(outcome)
      if (outcome === 'grant') {
        assert.isTrue(granted)
        assert.equal(asked, '套餐已开通，不可退款')
      } else {
        assert.isFalse(granted)
        assert.isNull(asked)
      }
      /* and nothing more afterwards: the queued job, another run */
      await runQueuedJobs()
      assert.equal(await outcomeOf(order, assert), outcome)
    }
    assert.lengthOf(seen, 6)
    /* a grant that starts while the request holds the order's lock waits, then finds 退款中 */
    assert.deepEqual([seen[2], seen[5]], ['refund', 'refund'])
  })

  test('a crash in the grant, then the refund asked before the retry: the full refund; the retry grants nothing', async ({
    client,
    assert,
  }) => {
    const { user, order } = await paidPackageOrder(client, '孙崩溃')
    armFault('orders.package.after_grant')
    await runQueuedJobs()
    assert.deepEqual(armedFaults(), [], 'the fault was hit')
    const asked = await askRefund(client, user, order.orderNo)
    assert.include(asked.flashMessages().success ?? '', '退费申请已提交')
    await backoffPassed()
    await runQueuedJobs()
    assert.isFalse(await fulfilPackageOrder(order.id))
    assert.equal(await outcomeOf(order, assert), 'refund')
  })
})
