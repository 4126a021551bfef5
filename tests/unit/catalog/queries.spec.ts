import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { activePlatformsByRegion, findActivePlatform } from '#catalog/queries/platforms'
import { activeProductsOfPlatform, findProductForOrder, priceFor } from '#catalog/queries/products'
import { activePickupPoints, findPickupPoint, shippingOriginFor } from '#catalog/queries/locations'
import { latestNotices } from '#catalog/queries/content'
import storage from '#core/storage'
import {
  makeMaterial,
  makeNotice,
  makePickupPoint,
  makePlatform,
  makeProduct,
  makeRegion,
  makeShippingOrigin,
  prices,
  sampleDocx,
} from '../../functional/catalog/catalog_helpers.js'

test.group('Catalog queries for the orders module', () => {
  test('activePlatformsByRegion: active regions with active platforms that sell something, in order', async ({
    assert,
  }) => {
    const north = await makeRegion({ name: '北区', sortOrder: 1 })
    const south = await makeRegion({ name: '南区', sortOrder: 2 })
    const closed = await makeRegion({ name: '停用区', status: 'inactive' })
    const b = await makePlatform({
      regionId: north.id,
      name: '平台乙',
      sortOrder: 2,
      website: 'https://b.example.com',
    })
    const a = await makePlatform({ regionId: north.id, name: '平台甲', sortOrder: 1 })
    const off = await makePlatform({ regionId: south.id, name: '停用平台', status: 'inactive' })
    const empty = await makePlatform({ regionId: south.id, name: '没有产品的平台' })
    const hidden = await makePlatform({ regionId: closed.id, name: '停用区的平台' })
    for (const p of [a, b, off, hidden]) await makeProduct({ platformId: p.id })
    await makeProduct({ platformId: empty.id, status: 'off_sale' })

    const groups = (await activePlatformsByRegion()).filter((g) =>
      [north.id, south.id, closed.id].includes(g.id)
    )
    assert.deepEqual(groups, [
      {
        id: north.id,
        code: north.code,
        name: '北区',
        platforms: [
          {
            id: a.id,
            code: a.code,
            name: '平台甲',
            description: null,
            website: null,
            region: { id: north.id, code: north.code, name: '北区' },
          },
          {
            id: b.id,
            code: b.code,
            name: '平台乙',
            description: null,
            website: 'https://b.example.com',
            region: { id: north.id, code: north.code, name: '北区' },
          },
        ],
      },
    ])
    assert.equal((await findActivePlatform(a.id))?.name, '平台甲')
    assert.isNull(await findActivePlatform(off.id))
    assert.isNull(await findActivePlatform(hidden.id))
    assert.isNull(await findActivePlatform('not-a-uuid'))
  })

  test('activeProductsOfPlatform: on-sale products with enabled options, rules and active materials', async ({
    assert,
  }) => {
    const platform = await makePlatform({ name: '示例平台' })
    const ukey = await makeProduct({
      platformId: platform.id,
      name: '企业 uKey',
      certKind: 'enterprise',
      medium: 'ukey',
      firstUkeyFree: true,
      reviewMode: 'before_payment',
      renewalWindowDays: 60,
      deliveryMethods: ['mail_cod', 'pickup'],
      validityOptions: prices(30000, null, 78000),
      sortOrder: 1,
    })
    await makeProduct({ platformId: platform.id, name: '已下架', status: 'off_sale' })
    await makeProduct({
      platformId: platform.id,
      name: '没有可选有效期',
      validityOptions: prices(null),
    })
    const key = storage.makeKey('catalog/templates', 'docx')
    await storage.put(key, sampleDocx())
    const form = await makeMaterial(ukey.id, {
      name: '申请表',
      acceptedTypes: ['jpg', 'pdf'],
      minSize: null,
      maxSize: 5 * 1024 * 1024,
      sortOrder: 1,
      templateKey: key,
      templateName: '申请表.docx',
      templateType: 'docx',
      templateSize: 1234,
    } as any)
    const id = await makeMaterial(ukey.id, {
      name: '身份证复印件',
      sortOrder: 2,
      isRequired: false,
    })
    await makeMaterial(ukey.id, { name: '停用的资料', isActive: false })

    const products = await activeProductsOfPlatform(platform.id)
    assert.lengthOf(products, 1)
    const [view] = products
    assert.containsSubset(view, {
      id: ukey.id,
      name: '企业 uKey',
      type: 'certificate',
      typeLabel: '数字证书',
      certKind: 'enterprise',
      certKindLabel: '企业证书',
      medium: 'ukey',
      mediumLabel: 'uKey 证书',
      caLabel: '测试CA',
      active: true,
      platform: { id: platform.id, name: '示例平台' },
      fromPriceFen: 30000,
      rules: {
        firstUkeyFree: true,
        reviewMode: 'before_payment',
        reviewBeforePayment: true,
        renewalWindowDays: 60,
      },
      spec: {},
    })
    assert.deepEqual(view.validityOptions, [
      { years: 1, label: '1年', priceFen: 30000, priceText: '¥300.00' },
      { years: 3, label: '3年', priceFen: 78000, priceText: '¥780.00' },
    ])
    assert.deepEqual(
      view.deliveryMethods.map((m) => [m.key, m.label]),
      [
        ['mail_cod', '邮寄-收方付'],
        ['pickup', '自取'],
      ]
    )
    assert.deepEqual(
      view.materials.map((m) => m.name),
      ['申请表', '身份证复印件']
    )
    assert.deepEqual(view.materials[0], {
      id: form.id,
      name: '申请表',
      description: null,
      types: ['jpg', 'pdf'],
      typesLabel: 'JPG、PDF',
      accept: '.jpg,.jpeg,.pdf',
      minSize: null,
      maxSize: 5 * 1024 * 1024,
      required: true,
      sortOrder: 1,
      rule: { types: ['jpg', 'pdf'], maxSize: 5 * 1024 * 1024 },
      ruleText: '5 MB以内，JPG、PDF 格式',
      template: {
        name: '申请表.docx',
        type: 'docx',
        size: 1234,
        url: `/catalog/materials/${form.id}/template`,
      },
    })
    assert.deepInclude(view.materials[1], {
      id: id.id,
      required: false,
      rule: { types: ['jpg', 'png'], maxSize: 1024 * 1024, minSize: 150 * 1024 },
      ruleText: '150 KB–1 MB，JPG、PNG 格式',
      template: null,
    })
    assert.deepEqual(
      JSON.parse(JSON.stringify(view)),
      view,
      'a plain object: survives JSON unchanged'
    )

    assert.lengthOf(await activeProductsOfPlatform(platform.id, { medium: 'cloud' }), 0)
    assert.lengthOf(await activeProductsOfPlatform(platform.id, { certKind: 'enterprise' }), 1)
  })

  test('findProductForOrder and priceFor refuse inactive products and disabled options', async ({
    assert,
  }) => {
    const region = await makeRegion()
    const platform = await makePlatform({ regionId: region.id })
    const product = await makeProduct({
      platformId: platform.id,
      medium: 'ukey',
      firstUkeyFree: true,
      deliveryMethods: ['pickup'],
      validityOptions: prices(30000, null),
    })

    assert.equal((await findProductForOrder(product.id))?.id, product.id)
    assert.deepInclude(await priceFor(product.id, 1), { ok: true, priceFen: 30000 })
    assert.deepInclude(await priceFor(product.id, 1, { firstUkey: true }), {
      ok: true,
      priceFen: 0,
      listPriceFen: 30000,
      note: '首把 uKey 免费',
    })
    assert.deepEqual(await priceFor(product.id, 2), {
      ok: false,
      message: '所选证书有效期不可用，请重新选择',
    })
    assert.deepEqual(await priceFor('00000000-0000-4000-8000-000000000000', 1), {
      ok: false,
      message: '该产品已下架或不存在，请重新选择',
    })
    assert.isNull(await findProductForOrder('nope'))

    await db.from('trading_platforms').where('id', platform.id).update({ status: 'inactive' })
    assert.isNull(await findProductForOrder(product.id))
    assert.isFalse((await priceFor(product.id, 1)).ok)
    const kept = await findProductForOrder(product.id, { includeInactive: true })
    assert.equal(kept?.active, false)
    assert.lengthOf(await activeProductsOfPlatform(platform.id), 0)
  })

  test('pickup points: active ones, those of the region first; shipping origin by region with a fallback', async ({
    assert,
  }) => {
    const home = await makeRegion({ name: '本区' })
    const other = await makeRegion({ name: '他区' })
    const closed = await makeRegion({ name: '停用区', status: 'inactive' })
    const elsewhere = await makePickupPoint(other.id, { name: '他区窗口', sortOrder: 1 })
    const mine = await makePickupPoint(home.id, {
      name: '本区窗口',
      sortOrder: 2,
      address: '本区大道 1 号',
      phone: '010-12345678',
      hours: '9:00-17:00',
    })
    const off = await makePickupPoint(home.id, { name: '停用窗口', status: 'inactive' })
    await makePickupPoint(closed.id, { name: '停用区窗口' })

    const points = (await activePickupPoints({ regionId: home.id })).filter((p) =>
      [elsewhere.id, mine.id, off.id].includes(p.id)
    )
    assert.deepEqual(
      points.map((p) => p.name),
      ['本区窗口', '他区窗口']
    )
    assert.deepEqual(points[0], {
      id: mine.id,
      name: '本区窗口',
      address: '本区大道 1 号',
      phone: '010-12345678',
      hours: '9:00-17:00',
      region: { id: home.id, name: '本区' },
      label: '本区窗口（本区大道 1 号）',
    })
    assert.notInclude(
      (await activePickupPoints()).map((p) => p.name),
      '停用区窗口'
    )
    assert.isNull(await findPickupPoint(off.id))
    assert.equal((await findPickupPoint(off.id, { includeInactive: true }))?.name, '停用窗口')

    assert.isNull(await shippingOriginFor(home.id))
    await makeShippingOrigin({
      name: '总部',
      address: '总部路 1 号',
      contact: '发货组',
      phone: '400-000-0000',
    })
    await makeShippingOrigin({ name: '他区发货点', regionId: other.id })
    await makeShippingOrigin({ name: '停用发货点', regionId: home.id, status: 'inactive' })
    assert.deepEqual(await shippingOriginFor(home.id), {
      id: (await db.from('shipping_origins').where('name', '总部').first()).id,
      name: '总部',
      contact: '发货组',
      phone: '400-000-0000',
      address: '总部路 1 号',
      courier: null,
      label: '总部路 1 号（发货组 400-000-0000）',
    })
    assert.equal((await shippingOriginFor(other.id))?.name, '他区发货点')
  })

  test('latestNotices: for the home page, pinned first, published only', async ({ assert }) => {
    await db.from('notices').delete()
    const pinned = await makeNotice({ title: '置顶', pinned: true })
    await makeNotice({ title: '普通' })
    await makeNotice({ title: '草稿', status: 'draft', publishedAt: null })
    const notices = await latestNotices(5)
    assert.deepEqual(
      notices.map((n) => n.title),
      ['置顶', '普通']
    )
    assert.deepEqual(Object.keys(notices[0]).sort(), ['href', 'time', 'title'])
    assert.equal(notices[0].href, `/notices/${pinned.id}`)
    assert.match(notices[0].time, /^\d{4}-\d{2}-\d{2}$/)
  })
})

test.group('Demo seeder', () => {
  test('seeds two platforms with products, materials with templates, content; running it again changes nothing', async ({
    assert,
  }) => {
    const { default: CatalogSeeder } = await import('#database/seeders/03_catalog_seeder')
    const counts = async () => {
      const out: Record<string, number> = {}
      for (const table of [
        'service_regions',
        'trading_platforms',
        'products',
        'product_materials',
        'pickup_points',
        'shipping_origins',
        'notices',
        'guides',
        'downloads',
      ]) {
        out[table] = Number((await db.from(table).count('* as total').first()).total)
      }
      return out
    }
    const before = await counts()
    await new CatalogSeeder(db.connection()).run()
    const once = await counts()
    assert.equal(once.service_regions - before.service_regions, 2)
    assert.equal(once.trading_platforms - before.trading_platforms, 2)
    assert.equal(once.products - before.products, 8)
    assert.equal(once.pickup_points - before.pickup_points, 2)
    assert.equal(once.notices - before.notices, 3)
    assert.equal(once.guides - before.guides, 3)
    assert.isAtLeast(once.downloads - before.downloads, 3)

    const templateKeys = (await db.from('product_materials').whereNotNull('template_key')).map(
      (m) => m.template_key
    )
    await new CatalogSeeder(db.connection()).run()
    assert.deepEqual(await counts(), once)
    assert.sameMembers(
      (await db.from('product_materials').whereNotNull('template_key')).map((m) => m.template_key),
      templateKeys,
      'templates are not made again'
    )

    const groups = await activePlatformsByRegion()
    const names = groups.flatMap((g) => g.platforms.map((p) => p.name))
    assert.includeMembers(names, ['示例市公共资源交易平台', '示例省政府采购网'])
    const city = groups
      .flatMap((g) => g.platforms)
      .find((p) => p.name === '示例市公共资源交易平台')!
    const products = await activeProductsOfPlatform(city.id)
    const kinds = products.map((p) => `${p.certKind}/${p.medium}`)
    assert.includeMembers(kinds, [
      'personal/cloud',
      'expert/cloud',
      'personal/ukey',
      'enterprise/ukey',
      'enterprise/cloud',
    ])
    const ukey = products.find((p) => p.medium === 'ukey' && p.certKind === 'enterprise')!
    assert.isTrue(ukey.rules.firstUkeyFree)
    const idCopy = ukey.materials.find((m) => m.name === '经办人身份证复印件')!
    assert.deepEqual(idCopy.rule, {
      types: ['jpg', 'png'],
      maxSize: 1024 * 1024,
      minSize: 150 * 1024,
    })
    const licence = ukey.materials.find((m) => m.name === '营业执照副本复印件')!
    assert.deepEqual(licence.rule, { types: ['jpg', 'png', 'pdf'], maxSize: 5 * 1024 * 1024 })
    const letter = ukey.materials.find((m) => m.name === '授权委托书')!
    assert.isFalse(letter.required)
    assert.equal(letter.template?.type, 'docx')

    const province = groups.flatMap((g) => g.platforms).find((p) => p.name === '示例省政府采购网')!
    assert.isTrue(
      (await activeProductsOfPlatform(province.id)).some((p) => p.rules.reviewBeforePayment)
    )

    const form = ukey.materials.find((m) => m.template)!
    const row = await db.from('product_materials').where('id', form.id).first()
    assert.isTrue(await storage.exists(row.template_key))
  })
})
