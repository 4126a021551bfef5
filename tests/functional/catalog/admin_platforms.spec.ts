import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createStaff } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'
import { activePlatformsByRegion } from '#catalog/queries/platforms'
import { activePickupPoints, shippingOriginFor } from '#catalog/queries/locations'
import { catalogUsage } from '#catalog/usage'
import {
  auditEntries,
  flashed,
  makePickupPoint,
  makePlatform,
  makeProduct,
  makeRegion,
} from './catalog_helpers.js'

test.group('服务区域 (back office)', () => {
  test('a super admin creates, edits, switches off and deletes a region, each step audited', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const created = await asStaff(client.post('/admin/catalog/regions'), admin)
      .withCsrfToken()
      .form({ code: 'North-1', name: '北区', status: 'active', sort_order: '2' })
      .redirects(0)
    created.assertStatus(302)
    created.assertHeader('location', '/admin/catalog/regions')
    const region = await db.from('service_regions').where('code', 'north-1').firstOrFail()
    assert.equal(region.name, '北区')
    assert.lengthOf(await auditEntries('catalog.region.create', region.id), 1)

    const list = await asStaff(client.get('/admin/catalog/regions'), admin)
    assert.include(list.text(), '北区')

    // the edit form posts with method spoofing, as a browser without JavaScript does
    await asStaff(client.post(`/admin/catalog/regions/${region.id}?_method=PUT`), admin)
      .withCsrfToken()
      .form({ code: 'north-1', name: '北部片区', status: 'active' })
    assert.equal((await db.from('service_regions').where('id', region.id).first()).name, '北部片区')
    const updates = await auditEntries('catalog.region.update', region.id)
    assert.lengthOf(updates, 1)
    assert.deepEqual(JSON.parse(updates[0].data).changes.name, ['北区', '北部片区'])

    await asStaff(client.post(`/admin/catalog/regions/${region.id}/status`), admin)
      .withCsrfToken()
      .form({ status: 'inactive' })
    assert.equal(
      (await db.from('service_regions').where('id', region.id).first()).status,
      'inactive'
    )
    assert.lengthOf(await auditEntries('catalog.region.deactivate', region.id), 1)

    const deleted = await asStaff(client.delete(`/admin/catalog/regions/${region.id}`), admin)
      .withCsrfToken()
      .redirects(0)
    deleted.assertStatus(302)
    assert.isNull(await db.from('service_regions').where('id', region.id).first())
    assert.lengthOf(await auditEntries('catalog.region.delete', region.id), 1)
  })

  test('a malformed code is refused at the field and the typed values are kept', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const response = await asStaff(client.post('/admin/catalog/regions'), admin)
      .withCsrfToken()
      .header('referer', '/admin/catalog/regions/create')
      .form({ code: '北区 1', name: '北区', status: 'active' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/admin/catalog/regions/create')
    const flash = flashed(response)
    assert.equal(
      flash.inputErrorsBag.code[0],
      '编码只能包含字母、数字、下划线和短横线，以字母或数字开头，2–32 位'
    )
    assert.equal(flash.name, '北区')
    assert.isNull(await db.from('service_regions').where('name', '北区').first())
  })

  test('a duplicate code is refused (case-insensitive) with a message at the field', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    await makeRegion({ code: 'east' })
    const response = await asStaff(client.post('/admin/catalog/regions'), admin)
      .withCsrfToken()
      .form({ code: 'EAST', name: '东区', status: 'active' })
      .redirects(0)
    response.assertStatus(302)
    const flash = flashed(response)
    assert.equal(flash.inputErrorsBag.code[0], '编码已被使用，请换一个')
    assert.equal(flash.name, '东区')
    const rows = await db.from('service_regions').where('code', 'east')
    assert.lengthOf(rows, 1)
  })

  test('a region with platforms cannot be deleted; the page says to switch it off instead', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const region = await makeRegion()
    await makePlatform({ regionId: region.id })
    const response = await asStaff(client.delete(`/admin/catalog/regions/${region.id}`), admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.equal(flashed(response).error, '该区域下还有交易平台，不能删除；如不再使用，请改为停用')
    assert.isNotNull(await db.from('service_regions').where('id', region.id).first())
    assert.lengthOf(await auditEntries('catalog.region.delete', region.id), 0)
  })
})

test.group('交易平台 (back office)', () => {
  test('a super admin creates a platform in a region and edits it', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const region = await makeRegion({ name: '示例市' })
    const form = await asStaff(client.get('/admin/catalog/platforms/create'), admin)
    form.assertStatus(200)
    assert.include(form.text(), '示例市')

    await asStaff(client.post('/admin/catalog/platforms'), admin).withCsrfToken().form({
      code: 'city-ggzy',
      name: '示例市公共资源交易平台',
      region_id: region.id,
      status: 'active',
      website: 'https://ggzy.example.com',
      description: '投标与开标',
    })
    const platform = await db.from('trading_platforms').where('code', 'city-ggzy').firstOrFail()
    assert.equal(platform.region_id, region.id)
    assert.equal(platform.website, 'https://ggzy.example.com')
    assert.lengthOf(await auditEntries('catalog.platform.create', platform.id), 1)

    const list = await asStaff(client.get('/admin/catalog/platforms'), admin)
    assert.include(list.text(), '示例市公共资源交易平台')

    const edit = await asStaff(client.get(`/admin/catalog/platforms/${platform.id}/edit`), admin)
    assert.include(edit.text(), 'value="city-ggzy"')
    await asStaff(client.put(`/admin/catalog/platforms/${platform.id}`), admin)
      .withCsrfToken()
      .form({
        code: 'city-ggzy',
        name: '示例市公共资源交易中心',
        region_id: region.id,
        status: 'active',
      })
    const updated = await db.from('trading_platforms').where('id', platform.id).first()
    assert.equal(updated.name, '示例市公共资源交易中心')
    assert.isNull(updated.website)
  })

  test('unknown region, bad website and missing name are refused at their fields', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const response = await asStaff(client.post('/admin/catalog/platforms'), admin)
      .withCsrfToken()
      .form({
        code: 'x-1',
        name: '',
        region_id: 'not-a-uuid',
        status: 'active',
        website: 'ftp://example',
      })
      .redirects(0)
    const bag = flashed(response).inputErrorsBag
    assert.equal(bag.name[0], '请填写名称')
    assert.exists(bag.region_id)
    assert.equal(bag.website[0], '请输入正确的网址，以 http:// 或 https:// 开头')

    const missingRegion = await asStaff(client.post('/admin/catalog/platforms'), admin)
      .withCsrfToken()
      .form({
        code: 'x-2',
        name: '某平台',
        region_id: '00000000-0000-4000-8000-000000000000',
        status: 'active',
      })
      .redirects(0)
    assert.equal(flashed(missingRegion).inputErrorsBag.region_id[0], '请选择服务区域')
    assert.isNull(await db.from('trading_platforms').where('code', 'x-2').first())
  })

  test('a switched-off platform, or one in a switched-off region, disappears from the order queries', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const region = await makeRegion({ name: '测试区' })
    const platform = await makePlatform({ regionId: region.id, name: '平台甲' })
    await makeProduct({ platformId: platform.id })
    const visible = (await activePlatformsByRegion()).find((r) => r.id === region.id)
    assert.deepEqual(
      visible?.platforms.map((p) => p.name),
      ['平台甲']
    )

    await asStaff(client.post(`/admin/catalog/platforms/${platform.id}/status`), admin)
      .withCsrfToken()
      .form({ status: 'inactive' })
    assert.lengthOf(await auditEntries('catalog.platform.deactivate', platform.id), 1)
    assert.isUndefined((await activePlatformsByRegion()).find((r) => r.id === region.id))

    await asStaff(client.post(`/admin/catalog/platforms/${platform.id}/status`), admin)
      .withCsrfToken()
      .form({ status: 'active' })
    assert.isDefined((await activePlatformsByRegion()).find((r) => r.id === region.id))
    await asStaff(client.post(`/admin/catalog/regions/${region.id}/status`), admin)
      .withCsrfToken()
      .form({ status: 'inactive' })
    assert.isUndefined((await activePlatformsByRegion()).find((r) => r.id === region.id))
  })

  test('a platform with products cannot be deleted; an empty one can', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const used = await makePlatform()
    await makeProduct({ platformId: used.id })
    const empty = await makePlatform()

    const refused = await asStaff(client.delete(`/admin/catalog/platforms/${used.id}`), admin)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      flashed(refused).error,
      '该交易平台下还有证书产品，不能删除；如不再使用，请改为停用'
    )
    assert.isNotNull(await db.from('trading_platforms').where('id', used.id).first())

    await asStaff(client.delete(`/admin/catalog/platforms/${empty.id}`), admin).withCsrfToken()
    assert.isNull(await db.from('trading_platforms').where('id', empty.id).first())
  })

  test('an unknown or malformed platform id gives 404', async ({ client }) => {
    const admin = await createStaff(['super_admin'])
    ;(
      await asStaff(
        client.get('/admin/catalog/platforms/00000000-0000-4000-8000-000000000000/edit'),
        admin
      )
    ).assertStatus(404)
    ;(await asStaff(client.get('/admin/catalog/platforms/abc/edit'), admin)).assertStatus(404)
  })
})

test.group('取证地址与发货地址 (back office)', () => {
  test('a pickup point is created with a valid phone; a bad phone is refused at the field', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const region = await makeRegion()
    const bad = await asStaff(client.post('/admin/catalog/pickup-points'), admin)
      .withCsrfToken()
      .form({
        region_id: region.id,
        name: '政务中心窗口',
        address: '示例市中心路 1 号',
        phone: '12440',
        hours: '工作日 9:00-17:00',
        status: 'active',
      })
      .redirects(0)
    assert.equal(
      flashed(bad).inputErrorsBag.phone[0],
      '请输入正确的电话号码（手机号、固定电话或 400 电话）'
    )
    assert.equal(flashed(bad).address, '示例市中心路 1 号')

    await asStaff(client.post('/admin/catalog/pickup-points'), admin).withCsrfToken().form({
      region_id: region.id,
      name: '政务中心窗口',
      address: '示例市中心路 1 号',
      phone: '010-12345678',
      hours: '工作日 9:00-17:00',
      status: 'active',
    })
    const point = await db.from('pickup_points').where('name', '政务中心窗口').firstOrFail()
    assert.lengthOf(await auditEntries('catalog.pickup_point.create', point.id), 1)
    const points = await activePickupPoints({ regionId: region.id })
    assert.equal(points[0].name, '政务中心窗口')
    assert.equal(points[0].label, '政务中心窗口（示例市中心路 1 号）')

    await asStaff(client.post(`/admin/catalog/pickup-points/${point.id}/status`), admin)
      .withCsrfToken()
      .form({ status: 'inactive' })
    assert.isUndefined((await activePickupPoints()).find((p) => p.id === point.id))
  })

  test('a pickup point chosen by an order cannot be deleted', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const point = await makePickupPoint((await makeRegion()).id)
    const unregister = catalogUsage.register(async (kind, id) =>
      kind === 'pickup_point' && id === point.id ? 1 : 0
    )
    try {
      const response = await asStaff(
        client.delete(`/admin/catalog/pickup-points/${point.id}`),
        admin
      )
        .withCsrfToken()
        .redirects(0)
      assert.equal(
        flashed(response).error,
        '已有订单选择了该取证地址，不能删除；如不再使用，请改为停用'
      )
      assert.isNotNull(await db.from('pickup_points').where('id', point.id).first())
    } finally {
      unregister()
    }
  })

  test('the shipping origin of a region wins over the one for all regions', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const region = await makeRegion()
    const other = await makeRegion()
    await asStaff(client.post('/admin/catalog/shipping-origins'), admin).withCsrfToken().form({
      name: '总发货点',
      contact: '发货组',
      phone: '400-000-0000',
      address: '示例市发货路 1 号',
      status: 'active',
    })
    await asStaff(client.post('/admin/catalog/shipping-origins'), admin).withCsrfToken().form({
      name: '区域发货点',
      region_id: region.id,
      contact: '张三',
      phone: '13900000000',
      address: '区域路 2 号',
      courier: '顺丰速运',
      status: 'active',
    })

    assert.equal((await shippingOriginFor(region.id))?.name, '区域发货点')
    assert.equal((await shippingOriginFor(other.id))?.name, '总发货点')
    assert.equal((await shippingOriginFor(null))?.name, '总发货点')
    const page = await asStaff(client.get('/admin/catalog/shipping-origins'), admin)
    assert.include(page.text(), '全部区域')
    assert.include(page.text(), '区域发货点')
  })
})
