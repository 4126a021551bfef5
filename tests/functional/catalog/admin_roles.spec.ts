import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createStaff, createUser } from '#tests/helpers/factories'
import { asApplicant, asStaff } from '#tests/helpers/auth'
import { makeNotice, makePlatform, makeProduct, makeRegion } from './catalog_helpers.js'

test.group('Catalog back office: who may do what', () => {
  for (const role of ['reviewer', 'finance', 'operator'] as const) {
    test(`staff with the ${role} role cannot open or change the catalog (403)`, async ({
      client,
      assert,
    }) => {
      const staff = await createStaff([role])
      const region = await makeRegion()
      const platform = await makePlatform({ regionId: region.id })
      const product = await makeProduct({ platformId: platform.id })

      for (const url of [
        '/admin/catalog/platforms',
        '/admin/catalog/regions',
        '/admin/catalog/products',
        `/admin/catalog/products/${product.id}`,
        '/admin/catalog/pickup-points',
      ]) {
        const page = await asStaff(client.get(url), staff)
        page.assertStatus(403)
        assert.include(page.text(), '无权访问')
      }

      const create = await asStaff(client.post('/admin/catalog/regions'), staff)
        .withCsrfToken()
        .form({ code: 'sneaky', name: '越权区域', status: 'active' })
      create.assertStatus(403)
      assert.isNull(await db.from('service_regions').where('code', 'sneaky').first())

      const status = await asStaff(
        client.post(`/admin/catalog/products/${product.id}/status`),
        staff
      )
        .withCsrfToken()
        .form({ status: 'off_sale' })
      status.assertStatus(403)
      assert.equal((await db.from('products').where('id', product.id).first()).status, 'on_sale')

      const remove = await asStaff(
        client.delete(`/admin/catalog/platforms/${platform.id}`),
        staff
      ).withCsrfToken()
      remove.assertStatus(403)
      assert.isNotNull(await db.from('trading_platforms').where('id', platform.id).first())
    })
  }

  for (const role of ['reviewer', 'finance'] as const) {
    test(`staff with the ${role} role cannot manage notices, guides or downloads (403)`, async ({
      client,
      assert,
    }) => {
      const staff = await createStaff([role])
      const notice = await makeNotice({ title: '不可撤回' })
      for (const url of [
        '/admin/content/notices',
        '/admin/content/guides',
        '/admin/content/downloads',
      ]) {
        ;(await asStaff(client.get(url), staff)).assertStatus(403)
      }
      const response = await asStaff(
        client.post(`/admin/content/notices/${notice.id}/status`),
        staff
      )
        .withCsrfToken()
        .form({ status: 'draft' })
      response.assertStatus(403)
      assert.equal((await db.from('notices').where('id', notice.id).first()).status, 'published')
    })
  }

  test('an operator manages notices, guides and downloads', async ({ client }) => {
    const operator = await createStaff(['operator'])
    for (const url of [
      '/admin/content/notices',
      '/admin/content/guides',
      '/admin/content/downloads',
      '/admin/content/notices/create',
    ]) {
      ;(await asStaff(client.get(url), operator)).assertStatus(200)
    }
  })

  test('a super admin sees the catalog menu and the on-sale figure; a reviewer does not', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const page = await asStaff(client.get('/admin/catalog/platforms'), admin)
    page.assertStatus(200)
    assert.include(page.text(), '证书产品')

    const dashboard = await asStaff(client.get('/admin'), admin)
    assert.include(dashboard.text(), '在售证书产品')

    const reviewer = await createStaff(['reviewer'])
    const reviewerDashboard = await asStaff(client.get('/admin'), reviewer)
    assert.notInclude(reviewerDashboard.text(), 'href="/admin/catalog/products"')
    assert.notInclude(reviewerDashboard.text(), '在售证书产品')
  })

  test('an applicant cannot reach the back office: sent to the staff login', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    for (const url of ['/admin/catalog/products', '/admin/content/notices']) {
      const response = await asApplicant(client.get(url), user).redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/admin/login')
    }
    const post = await asApplicant(client.post('/admin/catalog/regions'), user)
      .withCsrfToken()
      .form({ code: 'user-made', name: '用户区域', status: 'active' })
      .redirects(0)
    post.assertStatus(302)
    post.assertHeader('location', '/admin/login')
    assert.isNull(await db.from('service_regions').where('code', 'user-made').first())
  })

  test('a visitor is sent to the staff login', async ({ client }) => {
    const response = await client.get('/admin/catalog/products').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/login')
  })
})
