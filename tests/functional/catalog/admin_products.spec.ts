import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createStaff } from '#tests/helpers/factories'
import { asStaff } from '#tests/helpers/auth'
import storage from '#core/storage'
import {
  activeProductsOfPlatform,
  findProductForOrder,
  priceFor,
  serviceFee,
  serviceNeedsReview,
} from '#catalog/queries/products'
import { catalogUsage } from '#catalog/usage'
import {
  auditEntries,
  flashed,
  makeMaterial,
  makePlatform,
  makeProduct,
  sampleDocx,
  samplePng,
} from './catalog_helpers.js'

function productForm(platformId: string, overrides: Record<string, unknown> = {}) {
  return {
    _form: 'product',
    platform_id: platformId,
    code: 'city-enterprise-ukey',
    name: '企业 uKey 证书',
    cert_kind: 'enterprise',
    medium: 'ukey',
    ca_label: '示例CA',
    description: '单位身份证书',
    enabled_1: '1',
    price_1: '300',
    enabled_2: '1',
    price_2: '550.5',
    price_3: '',
    first_ukey_free: '1',
    review_mode: 'after_payment',
    renewal_window_days: '90',
    delivery_methods: ['mail_cod', 'pickup'],
    status: 'on_sale',
    sort_order: '1',
    ...overrides,
  } as Record<string, unknown>
}

/**
 * As a browser sends checkbox groups: delivery_methods[]=a&delivery_methods[]=b.
 */
function asBrowserForm(values: Record<string, unknown>) {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values))
    out[Array.isArray(value) ? `${key}[]` : key] = value
  return out
}

test.group('证书产品 (back office)', () => {
  test('a super admin creates a product: prices typed in 元 are stored in 分, rules kept, audited', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform({ name: '示例市公共资源交易平台' })
    const form = await asStaff(
      client.get(`/admin/catalog/products/create?platform_id=${platform.id}`),
      admin
    )
    form.assertStatus(200)
    assert.include(form.text(), '邮寄-收方付')

    const response = await asStaff(client.post('/admin/catalog/products'), admin)
      .withCsrfToken()
      .form(asBrowserForm(productForm(platform.id)))
      .redirects(0)
    response.assertStatus(302)
    const row = await db.from('products').where('code', 'city-enterprise-ukey').firstOrFail()
    response.assertHeader('location', `/admin/catalog/products/${row.id}`)
    assert.deepEqual(JSON.parse(row.validity_options), [
      { years: 1, enabled: true, priceFen: 30000 },
      { years: 2, enabled: true, priceFen: 55050 },
      { years: 3, enabled: false, priceFen: 0 },
    ])
    assert.deepEqual(JSON.parse(row.delivery_methods), ['mail_cod', 'pickup'])
    assert.isTrue(Boolean(row.first_ukey_free))
    assert.equal(row.type, 'certificate')
    assert.lengthOf(await auditEntries('catalog.product.create', row.id), 1)

    const show = await asStaff(client.get(`/admin/catalog/products/${row.id}`), admin)
    assert.include(show.text(), '¥550.50')
    assert.include(show.text(), '邮寄-收方付、自取')

    const edit = await asStaff(client.get(`/admin/catalog/products/${row.id}/edit`), admin)
    assert.include(edit.text(), 'value="550.50"')
  })

  test('申请前须签署电子合同: ticked, kept in the spec (its other settings untouched), shown ticked, cleared', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform()
    await asStaff(client.post('/admin/catalog/products'), admin)
      .withCsrfToken()
      .form(
        asBrowserForm(productForm(platform.id, { code: 'with-contract', requires_contract: '1' }))
      )
    const row = await db.from('products').where('code', 'with-contract').firstOrFail()
    /* besides the 售后服务 settings the form also keeps in the spec */
    const withoutServices = (spec: string) => {
      const { services, ...rest } = JSON.parse(spec)
      assert.property({ services }, 'services')
      return rest
    }
    assert.deepEqual(withoutServices(row.spec), { requiresContract: true })
    await db
      .from('products')
      .where('id', row.id)
      .update({ spec: JSON.stringify({ requiresContract: true, onePerOrg: true }) })
    const edit = await asStaff(client.get(`/admin/catalog/products/${row.id}/edit`), admin)
    assert.match(edit.text(), /name="requires_contract" value="1" checked/)
    await asStaff(client.post(`/admin/catalog/products/${row.id}?_method=PUT`), admin)
      .withCsrfToken()
      .form(asBrowserForm(productForm(platform.id, { code: 'with-contract' })))
    const after = await db.from('products').where('id', row.id).firstOrFail()
    assert.deepEqual(withoutServices(after.spec), { onePerOrg: true })
  })

  test('price 0 is allowed (free option)', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform()
    await asStaff(client.post('/admin/catalog/products'), admin)
      .withCsrfToken()
      .form(
        asBrowserForm(
          productForm(platform.id, {
            code: 'free-one',
            enabled_2: '',
            price_2: '',
            price_1: '0',
            first_ukey_free: '',
          })
        )
      )
    const row = await db.from('products').where('code', 'free-one').firstOrFail()
    assert.equal(JSON.parse(row.validity_options)[0].priceFen, 0)
  })

  for (const [label, overrides, field, message] of [
    ['a negative price', { price_1: '-5' }, 'price_1', '价格不能为负数'],
    [
      'a malformed price',
      { price_2: '12.345' },
      'price_2',
      '请输入正确的价格（元，最多两位小数，如 240 或 240.50）',
    ],
    [
      'a price that is not a number',
      { price_1: 'abc' },
      'price_1',
      '请输入正确的价格（元，最多两位小数，如 240 或 240.50）',
    ],
    [
      'an enabled option without a price',
      { price_2: '' },
      'price_2',
      '请填写2年的价格（免费请填 0）',
    ],
    [
      'no validity option enabled',
      { enabled_1: '', enabled_2: '' },
      'validity',
      '请至少启用一个有效期选项',
    ],
    ['no delivery method', { delivery_methods: [] }, 'delivery_methods', '请至少选择一种取证方式'],
    [
      'mail delivery for a cloud certificate',
      { medium: 'cloud', first_ukey_free: '', delivery_methods: ['online_install', 'mail_cod'] },
      'delivery_methods',
      '移动证书只能在线安装，不能选择邮寄-收方付',
    ],
    [
      'first uKey free on a cloud certificate',
      { medium: 'cloud', delivery_methods: ['online_install'] },
      'first_ukey_free',
      '只有 uKey 证书可以设置首把免费',
    ],
    [
      'a malformed code',
      { code: '-bad code-' },
      'code',
      '编码只能包含字母、数字、下划线和短横线，以字母或数字开头，2–32 位',
    ],
    [
      'a malformed renewal price',
      { renewal_price_1: '1.234' },
      'renewal_price_1',
      '请输入正确的价格（元，最多两位小数，如 240 或 240.50）',
    ],
    [
      'a reissue fee that is not a number',
      { reissue_fee: '二十' },
      'reissue_fee',
      '请输入正确的价格（元，最多两位小数，如 240 或 240.50）',
    ],
    ['a negative change fee', { change_fee: '-1' }, 'change_fee', '价格不能为负数'],
    [
      'a medium fee on a cloud product',
      {
        medium: 'cloud',
        first_ukey_free: '',
        delivery_methods: ['online_install'],
        medium_fee: '10',
      },
      'medium_fee',
      '移动证书没有介质费，补办的费用请填在“补办费”',
    ],
    [
      'a renewal window over a year',
      { renewal_window_days: '400' },
      'renewal_window_days',
      '更新窗口不能大于 365',
    ],
  ] as Array<[string, Record<string, unknown>, string, string]>) {
    test(`${label} is refused at the field, nothing is saved and the input is kept`, async ({
      client,
      assert,
    }) => {
      const admin = await createStaff(['super_admin'])
      const platform = await makePlatform()
      const response = await asStaff(client.post('/admin/catalog/products'), admin)
        .withCsrfToken()
        .header('referer', '/admin/catalog/products/create')
        .form(asBrowserForm(productForm(platform.id, overrides)))
        .redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/admin/catalog/products/create')
      const flash = flashed(response)
      assert.equal(flash.inputErrorsBag[field][0], message)
      assert.equal(flash.name, '企业 uKey 证书')
      assert.isNull(await db.from('products').where('platform_id', platform.id).first())
      assert.lengthOf(await auditEntries('catalog.product.create'), 0)
    })
  }

  test('the form comes back with the error shown and what was typed kept', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform()
    const rejected = await asStaff(client.post('/admin/catalog/products'), admin)
      .withCsrfToken()
      .form(asBrowserForm(productForm(platform.id, { price_1: '-5', enabled_2: '' })))
      .redirects(0)
    const page = await asStaff(client.get('/admin/catalog/products/create'), admin)
      .withSession(rejected.session())
      .withFlashMessages(flashed(rejected))
    assert.include(page.text(), '价格不能为负数')
    assert.include(page.text(), 'value="-5"')
    assert.include(page.text(), 'value="企业 uKey 证书"')
    assert.match(page.text(), /name="enabled_1" value="1" checked/)
    assert.notMatch(page.text(), /name="enabled_2" value="1" checked/)
  })

  test('售后服务: fees typed in 元 are kept in the product’s spec in 分, shown, kept on edit, and price the service orders', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform()
    await asStaff(client.post('/admin/catalog/products'), admin)
      .withCsrfToken()
      .form(
        asBrowserForm(
          productForm(platform.id, {
            renewal_price_1: '180',
            renewal_price_2: '',
            change_fee: '50',
            reissue_fee: '20.5',
            medium_fee: '80',
            renewal_review_person: '1',
            renewal_review_org: '',
            holder_suspend: '',
          })
        )
      )
    const row = await db.from('products').where('code', 'city-enterprise-ukey').firstOrFail()
    assert.deepEqual(JSON.parse(row.spec).services, {
      renewalPrices: { 1: 18000 },
      renewalReview: { person: true, org: false },
      holderSuspend: false,
      changeFeeFen: 5000,
      reissueFeeFen: 2050,
      mediumFeeFen: 8000,
    })
    const entries = await auditEntries('catalog.product.create', row.id)
    assert.include(entries[0].data, 'reissueFeeFen')

    const show = await asStaff(client.get(`/admin/catalog/products/${row.id}`), admin)
    assert.include(show.text(), '售后服务')
    assert.include(show.text(), '<dt>更新 1 年</dt><dd>¥180.00</dd>')
    assert.include(show.text(), '<dt>更新 2 年</dt><dd>¥550.50</dd>')
    assert.include(show.text(), '<dt>介质费（新 uKey）</dt><dd>¥80.00</dd>')
    assert.include(show.text(), '个人需审核，单位无需审核')

    const edit = await asStaff(client.get(`/admin/catalog/products/${row.id}/edit`), admin)
    assert.match(edit.text(), /name="renewal_price_1"[^>]*value="180.00"/)
    assert.match(edit.text(), /name="reissue_fee"[^>]*value="20.50"/)
    assert.match(edit.text(), /name="renewal_review_person" value="1" checked/)
    assert.notMatch(edit.text(), /name="holder_suspend" value="1" checked/)

    /* what the orders module prices a service order with */
    const product = (await findProductForOrder(row.id))!
    assert.deepInclude(serviceFee(product, 'renew', 1), { amountFen: 18000 })
    assert.deepInclude(serviceFee(product, 'renew', 2), { amountFen: 55050 })
    assert.deepInclude(serviceFee(product, 'change', 1), { amountFen: 5000 })
    assert.deepInclude(serviceFee(product, 'renew_reissue', 1), { amountFen: 18000 + 8000 + 2050 })
    assert.deepInclude(serviceFee(product, 'unlock', 1), { amountFen: 0 })
    assert.isTrue(serviceNeedsReview(product, 'renew', 'person'))
    assert.isFalse(serviceNeedsReview(product, 'renew', 'org'))

    /* emptied again: the defaults apply, nothing else of the spec is lost */
    await db
      .from('products')
      .where('id', row.id)
      .update({ spec: JSON.stringify({ ...JSON.parse(row.spec), note: 'kept' }) })
    await asStaff(client.put(`/admin/catalog/products/${row.id}`), admin)
      .withCsrfToken()
      .form(asBrowserForm(productForm(platform.id, { holder_suspend: '1' })))
    const after = JSON.parse((await db.from('products').where('id', row.id).first()).spec)
    assert.equal(after.note, 'kept')
    assert.deepEqual(after.services.renewalPrices, {})
    const defaults = (await findProductForOrder(row.id))!
    assert.deepInclude(serviceFee(defaults, 'reissue', 1), { amountFen: 10000 })
    assert.deepInclude(serviceFee(defaults, 'renew', 1), { amountFen: 30000 })
  })

  test('a duplicate product code is refused', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform()
    await makeProduct({ code: 'taken-code' })
    const response = await asStaff(client.post('/admin/catalog/products'), admin)
      .withCsrfToken()
      .form(asBrowserForm(productForm(platform.id, { code: 'Taken-Code' })))
      .redirects(0)
    assert.equal(flashed(response).inputErrorsBag.code[0], '编码已被使用，请换一个')
  })

  test('editing changes the prices and writes one audit entry with the change', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform()
    const product = await makeProduct({
      platformId: platform.id,
      code: 'p-edit',
      medium: 'ukey',
      certKind: 'enterprise',
      deliveryMethods: ['pickup'],
    })
    await asStaff(client.put(`/admin/catalog/products/${product.id}`), admin)
      .withCsrfToken()
      .form(
        asBrowserForm(
          productForm(platform.id, { code: 'p-edit', price_1: '199.9', enabled_2: '', price_2: '' })
        )
      )
    const row = await db.from('products').where('id', product.id).first()
    assert.equal(JSON.parse(row.validity_options)[0].priceFen, 19990)
    assert.isFalse(JSON.parse(row.validity_options)[1].enabled)
    const entries = await auditEntries('catalog.product.update', product.id)
    assert.lengthOf(entries, 1)
    assert.property(JSON.parse(entries[0].data).changes, 'validityOptions')
  })

  test('a product taken off sale disappears from the order queries and cannot be priced', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const platform = await makePlatform()
    const product = await makeProduct({ platformId: platform.id })
    assert.lengthOf(await activeProductsOfPlatform(platform.id), 1)
    assert.isTrue((await priceFor(product.id, 1)).ok)

    await asStaff(client.post(`/admin/catalog/products/${product.id}/status`), admin)
      .withCsrfToken()
      .form({ status: 'off_sale' })
    assert.lengthOf(await auditEntries('catalog.product.off_sale', product.id), 1)
    assert.lengthOf(await activeProductsOfPlatform(platform.id), 0)
    assert.isNull(await findProductForOrder(product.id))
    assert.equal((await findProductForOrder(product.id, { includeInactive: true }))?.active, false)
    assert.deepEqual(await priceFor(product.id, 1), {
      ok: false,
      message: '该产品已下架或不存在，请重新选择',
    })

    const list = await asStaff(
      client.get('/admin/catalog/products').qs({ status: 'off_sale' }),
      admin
    )
    assert.include(list.text(), product.name)
  })

  test('a product used by an order cannot be deleted; an unused one is deleted with its materials and template files', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const used = await makeProduct()
    const unregister = catalogUsage.register(async (kind, id) =>
      kind === 'product' && id === used.id ? 3 : 0
    )
    try {
      const refused = await asStaff(client.delete(`/admin/catalog/products/${used.id}`), admin)
        .withCsrfToken()
        .redirects(0)
      assert.equal(flashed(refused).error, '已有订单使用该产品，不能删除；如不再销售，请改为下架')
      assert.isNotNull(await db.from('products').where('id', used.id).first())
    } finally {
      unregister()
    }

    const unused = await makeProduct()
    const key = storage.makeKey('catalog/templates', 'docx')
    await storage.put(key, sampleDocx())
    const material = await makeMaterial(unused.id, {
      templateKey: key,
      templateName: '表.docx',
      templateType: 'docx',
    } as any)
    const deleted = await asStaff(client.delete(`/admin/catalog/products/${unused.id}`), admin)
      .withCsrfToken()
      .redirects(0)
    deleted.assertHeader('location', '/admin/catalog/products')
    assert.isNull(await db.from('products').where('id', unused.id).first())
    assert.isNull(await db.from('product_materials').where('id', material.id).first())
    assert.isFalse(await storage.exists(key))
    assert.lengthOf(await auditEntries('catalog.product.delete', unused.id), 1)
  })
})

test.group('申请资料 (back office)', () => {
  test('a material is added with a size window and a Word template that applicants can download', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const product = await makeProduct()
    const response = await asStaff(
      client.post(`/admin/catalog/products/${product.id}/materials`),
      admin
    )
      .withCsrfToken()
      .fields({
        _form: 'material',
        name: '个人数字证书申请表',
        description: '填写后签字上传',
        min_size_kb: '',
        max_size_kb: '5120',
        is_required: '1',
        is_active: '1',
        sort_order: '1',
      })
      .field('accepted_types[]', ['jpg', 'png', 'pdf'])
      .file('template', sampleDocx(), { filename: '个人申请表.docx' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/admin/catalog/products/${product.id}`)
    const material = await db
      .from('product_materials')
      .where('product_id', product.id)
      .firstOrFail()
    assert.deepEqual(JSON.parse(material.accepted_types), ['jpg', 'png', 'pdf'])
    assert.equal(Number(material.max_size), 5 * 1024 * 1024)
    assert.isNull(material.min_size)
    assert.equal(material.template_name, '个人申请表.docx')
    assert.equal(material.template_type, 'docx')
    assert.isTrue(await storage.exists(material.template_key))
    assert.lengthOf(await auditEntries('catalog.material.create', material.id), 1)

    const view = await findProductForOrder(product.id)
    assert.equal(view?.materials[0].ruleText, '5 MB以内，JPG、PNG、PDF 格式')
    assert.equal(view?.materials[0].template?.url, `/catalog/materials/${material.id}/template`)

    const download = await client.get(`/catalog/materials/${material.id}/template`)
    download.assertStatus(200)
    assert.include(download.header('content-disposition'), encodeURIComponent('个人申请表.docx'))
  })

  test('a minimum size above the maximum is refused at the field', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const product = await makeProduct()
    const response = await asStaff(
      client.post(`/admin/catalog/products/${product.id}/materials`),
      admin
    )
      .withCsrfToken()
      .fields({
        _form: 'material',
        name: '身份证复印件',
        min_size_kb: '2048',
        max_size_kb: '1024',
        is_required: '1',
        is_active: '1',
      })
      .field('accepted_types[]', ['jpg', 'png'])
      .redirects(0)
    const flash = flashed(response)
    assert.equal(flash.inputErrorsBag.min_size_kb[0], '最小文件大小不能大于最大文件大小')
    assert.equal(flash.name, '身份证复印件')
    assert.isNull(await db.from('product_materials').where('product_id', product.id).first())
  })

  test('no accepted type is refused at the field', async ({ client, assert }) => {
    const admin = await createStaff(['super_admin'])
    const product = await makeProduct()
    const response = await asStaff(
      client.post(`/admin/catalog/products/${product.id}/materials`),
      admin
    )
      .withCsrfToken()
      .fields({ _form: 'material', name: '身份证复印件', max_size_kb: '1024' })
      .redirects(0)
    assert.equal(flashed(response).inputErrorsBag.accepted_types[0], '请至少选择一种文件格式')
  })

  test('a template of the wrong type (checked by content, not by name) is refused and nothing is stored', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const product = await makeProduct()
    const response = await asStaff(
      client.post(`/admin/catalog/products/${product.id}/materials`),
      admin
    )
      .withCsrfToken()
      .fields({
        _form: 'material',
        name: '申请表',
        max_size_kb: '5120',
        is_required: '1',
        is_active: '1',
      })
      .field('accepted_types[]', ['jpg'])
      .file('template', samplePng(), { filename: '申请表.docx' })
      .redirects(0)
    const flash = flashed(response)
    assert.equal(
      flash.inputErrorsBag.template[0],
      '模板文件：文件格式不正确，仅支持 PDF、DOC、DOCX、XLS、XLSX 格式'
    )
    assert.equal(flash.name, '申请表')
    assert.isNull(await db.from('product_materials').where('product_id', product.id).first())
  })

  test('editing replaces the template (old file removed) and can remove it; inactive materials leave the order view', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const product = await makeProduct()
    const oldKey = storage.makeKey('catalog/templates', 'docx')
    await storage.put(oldKey, sampleDocx())
    const material = await makeMaterial(product.id, {
      name: '申请表',
      templateKey: oldKey,
      templateName: '旧表.docx',
      templateType: 'docx',
    } as any)

    const form = await asStaff(client.get(`/admin/catalog/materials/${material.id}/edit`), admin)
    assert.include(form.text(), '旧表.docx')

    await asStaff(client.put(`/admin/catalog/materials/${material.id}`), admin)
      .withCsrfToken()
      .fields({
        _form: 'material',
        name: '申请表',
        max_size_kb: '2048',
        is_required: '1',
        is_active: '1',
      })
      .field('accepted_types[]', ['jpg', 'png'])
      .file('template', sampleDocx(), { filename: '新表.docx' })
    let row = await db.from('product_materials').where('id', material.id).first()
    assert.equal(row.template_name, '新表.docx')
    assert.isFalse(await storage.exists(oldKey))
    assert.isTrue(await storage.exists(row.template_key))

    await asStaff(client.put(`/admin/catalog/materials/${material.id}`), admin)
      .withCsrfToken()
      .fields({
        _form: 'material',
        name: '申请表',
        max_size_kb: '2048',
        is_required: '1',
        remove_template: '1',
      })
      .field('accepted_types[]', ['jpg', 'png'])
    row = await db.from('product_materials').where('id', material.id).first()
    assert.isNull(row.template_key)
    assert.isFalse(Boolean(row.is_active))
    assert.lengthOf(await auditEntries('catalog.material.update', material.id), 2)
    assert.lengthOf((await findProductForOrder(product.id))!.materials, 0)
  })

  test('a material with uploads in orders cannot be deleted; otherwise it is', async ({
    client,
    assert,
  }) => {
    const admin = await createStaff(['super_admin'])
    const product = await makeProduct()
    const used = await makeMaterial(product.id)
    const free = await makeMaterial(product.id, { name: '授权委托书' })
    const unregister = catalogUsage.register(async (kind, id) =>
      kind === 'material' && id === used.id ? 1 : 0
    )
    try {
      const refused = await asStaff(client.delete(`/admin/catalog/materials/${used.id}`), admin)
        .withCsrfToken()
        .redirects(0)
      assert.equal(flashed(refused).error, '已有订单上传了该资料，不能删除；如不再需要，请改为停用')
      await asStaff(client.delete(`/admin/catalog/materials/${free.id}`), admin).withCsrfToken()
      assert.isNotNull(await db.from('product_materials').where('id', used.id).first())
      assert.isNull(await db.from('product_materials').where('id', free.id).first())
    } finally {
      unregister()
    }
  })
})
