import app from '@adonisjs/core/services/app'
import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import AuditLog from '#core/audit/audit_log'
import { createStaff } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { ensureCa } from '#tests/unit/issuance/support'
import { catalogFixture, fillApplication, payWithSandbox, verifiedApplicant } from './support.js'

/**
 * What the applicant sees in a browser: the wizard's forms must carry the
 * controls their steps need (the tests of the flows post straight to the
 * controllers, so a control missing from a page would not show there).
 */
test.group('Orders · the wizard pages render their controls', () => {
  test('the applicant step has the SMS code field and its 获取验证码 button', async ({
    client,
    assert,
  }) => {
    const { cloud } = await catalogFixture()
    const user = await verifiedApplicant()
    const start = await asApplicant(client.post('/apply'), user)
      .withCsrfToken()
      .form({ product_id: cloud.id, years: '1' })
      .redirects(0)
    const orderNo = /\/orders\/(\d{19})\//.exec(start.header('location')!)![1]
    await asApplicant(client.post(`/orders/${orderNo}/apply/agreement`), user)
      .withCsrfToken()
      .form({ agree: 'on' })

    const page = await asApplicant(client.get(`/orders/${orderNo}/apply/applicant`), user)
    page.assertStatus(200)
    const html = page.text()
    assert.notInclude(html, '@!')
    assert.match(html, /<input[^>]+name="sms_code"/)
    assert.match(html, /<button[^>]+name="intent"[^>]+value="send_code"[^>]*>获取验证码<\/button>/)
  })

  test('the delivery step of a uKey offers the region list for mailing', async ({
    client,
    assert,
  }) => {
    const { ukey, ukeyMaterial } = await catalogFixture()
    const user = await verifiedApplicant()
    const order = await fillApplication(client, user, ukey.id, ukeyMaterial.id, {
      delivery_method: 'self_make',
    })

    const page = await asApplicant(client.get(`/orders/${order.orderNo}/apply/delivery`), user)
    page.assertStatus(200)
    const html = page.text()
    assert.notInclude(html, '@!')
    assert.match(html, /<select[^>]+name="region_code"/)
    assert.include(html, '北京市 朝阳区')
  })

  test("an uploaded photo's preview shrinks to a 375 px screen", async ({ client, assert }) => {
    const { cloud, cloudMaterial } = await catalogFixture()
    const user = await verifiedApplicant()
    const order = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    const page = await asApplicant(client.get(`/orders/${order.orderNo}/apply/materials`), user)
    const preview = /<img class="kv-preview"[^>]*>/.exec(page.text())
    assert.isNotNull(preview)
    /* the preview never gets wider than its card (a phone's fieldset): the stylesheet's rule, no style="" (CSP) */
    assert.notInclude(preview![0], 'style=')
    const css = readFileSync(app.makePath('resources/public/css/app.css'), 'utf8')
    assert.match(css, /\.kv-preview \{\s*max-width: min\(320px, 100%\);/)
  })

  test('the address book form offers the region list', async ({ client, assert }) => {
    const user = await verifiedApplicant()
    const page = await asApplicant(client.get('/account/addresses/create'), user)
    page.assertStatus(200)
    assert.notInclude(page.text(), '@!')
    assert.match(page.text(), /<select[^>]+name="region_code"/)
  })
})

test.group('Orders · the back-office order page offers each role what it may do', (group) => {
  group.setup(async () => {
    await ensureCa()
  })

  test('制证 only for operators; the materials only for reviewers and operators', async ({
    client,
    assert,
  }) => {
    const { ukey, ukeyMaterial, pickupPoint } = await catalogFixture()
    const user = await verifiedApplicant()
    const order = await fillApplication(client, user, ukey.id, ukeyMaterial.id, {
      delivery_method: 'pickup',
      pickup_name: '陈一',
      pickup_phone: user.phone,
      pickup_id_number: user.realIdNumber!,
      pickup_point_id: pickupPoint.id,
    })
    await asApplicant(client.post(`/orders/${order.orderNo}/apply/confirm`), user).withCsrfToken()
    await payWithSandbox(client, user, order.orderNo)
    await asStaff(
      client.post(`/admin/orders/${order.orderNo}/approve`),
      await createStaff(['reviewer'])
    ).withCsrfToken()
    const materialUrl = `/admin/orders/${order.orderNo}/materials/${ukeyMaterial.id}`

    const operator = await asStaff(
      client.get(`/admin/orders/${order.orderNo}`),
      await createStaff(['operator'])
    )
    assert.include(operator.text(), `action="/admin/orders/${order.orderNo}/make"`)
    assert.include(operator.text(), materialUrl)

    const reviewer = await asStaff(
      client.get(`/admin/orders/${order.orderNo}`),
      await createStaff(['reviewer'])
    )
    assert.notInclude(reviewer.text(), `action="/admin/orders/${order.orderNo}/make"`)
    assert.include(reviewer.text(), materialUrl)

    const finance = await asStaff(
      client.get(`/admin/orders/${order.orderNo}`),
      await createStaff(['finance'])
    )
    finance.assertStatus(200)
    assert.notInclude(finance.text(), `action="/admin/orders/${order.orderNo}/make"`)
    assert.notInclude(finance.text(), materialUrl)
    assert.include(finance.text(), '已上传')
  })
})

test.group('Orders · every wizard step is in the audit log', () => {
  test('each completed step writes one entry, the materials step included', async ({
    client,
    assert,
  }) => {
    const { cloud, cloudMaterial } = await catalogFixture()
    const user = await verifiedApplicant()
    const order = await fillApplication(client, user, cloud.id, cloudMaterial.id)
    const entries = await AuditLog.query()
      .where('action', 'orders.order.update_step')
      .where('subject_id', order.orderNo)
      .orderBy('seq', 'asc')
    const steps = entries.map((e) => JSON.parse(e.data ?? '{}').step)
    assert.deepEqual(steps, ['agreement', 'applicant', 'materials', 'delivery'])
  })
})
