import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createStaff } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'
import { auditEntries, flashed, makeNotice, makePlatform, makeRegion } from './catalog_helpers.js'

/**
 * What the one page pattern of the catalog's back office promises on
 * every kind of item: several broken rules come back at once, each at its
 * field; a status button clicked twice changes (and audits) once.
 */
test.group('Catalog back office · the shared item pages', () => {
  test('a product form breaking several rules shows every message at its field, nothing saved', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform()
    const response = await asStaff(client.post('/admin/catalog/products'), admin)
      .withCsrfToken()
      .header('referer', '/admin/catalog/products/create')
      .form({
        '_form': 'product',
        'platform_id': platform.id,
        'code': 'two-rules',
        'name': '两处错误的产品',
        'cert_kind': 'personal',
        'medium': 'cloud',
        'ca_label': '示例CA',
        'enabled_1': '1',
        'price_1': '-5',
        'first_ukey_free': '1',
        'review_mode': 'after_payment',
        'renewal_window_days': '90',
        'delivery_methods[]': ['mail_cod'],
        'status': 'on_sale',
      })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/catalog/products/create')
    const bag = flashed(response).inputErrorsBag
    assert.equal(bag.price_1[0], '价格不能为负数')
    assert.equal(bag.delivery_methods[0], '移动证书只能在线安装，不能选择邮寄-收方付')
    assert.equal(bag.first_ukey_free[0], '只有 uKey 证书可以设置首把免费')
    assert.equal(flashed(response).name, '两处错误的产品')
    assert.isNull(await db.from('products').where('code', 'two-rules').first())
  })

  test('switching a region off twice leaves it off with one audit entry', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const region = await makeRegion({ name: '北区' })
    for (let i = 0; i < 2; i++) {
      const response = await asStaff(
        client.post(`/admin/catalog/regions/${region.id}/status`),
        admin
      )
        .withCsrfToken()
        .form({ status: 'inactive' })
        .redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/admin/catalog/regions')
      assert.equal(flashed(response).success, '服务区域“北区”已停用')
    }
    const row = await db.from('service_regions').where('id', region.id).first()
    assert.equal(row.status, 'inactive')
    const entries = await auditEntries('catalog.region.deactivate', region.id)
    assert.lengthOf(entries, 1)
    assert.deepInclude(JSON.parse(entries[0].data), {
      from: 'active',
      to: 'inactive',
      name: '北区',
    })
  })

  test('publishing a draft notice stamps its publish time once, withdrawing keeps it', async ({
    client,
    assert,
  }) => {
    const operator = await createStaff(['operator'])
    const notice = await makeNotice({ status: 'draft', publishedAt: null } as any)
    const post = (status: string) =>
      asStaff(client.post(`/admin/content/notices/${notice.id}/status`), operator)
        .withCsrfToken()
        .form({ status })
        .redirects(0)

    await post('published')
    const published = await db.from('notices').where('id', notice.id).first()
    assert.equal(published.status, 'published')
    assert.isNotNull(published.published_at)

    await post('draft')
    const withdrawn = await db.from('notices').where('id', notice.id).first()
    assert.equal(withdrawn.status, 'draft')
    assert.equal(String(withdrawn.published_at), String(published.published_at))
    assert.lengthOf(await auditEntries('catalog.notice.publish', notice.id), 1)
    assert.lengthOf(await auditEntries('catalog.notice.unpublish', notice.id), 1)
  })
})
