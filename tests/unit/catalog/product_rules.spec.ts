import { test } from '@japa/runner'
import {
  buildValidityOptions,
  checkAcceptedTypes,
  checkDeliveryMethods,
  checkSizeWindow,
  quotePrice,
} from '#catalog/services/product_rules'
import { MATERIAL_FILE_TYPES } from '#catalog/labels'

test.group('Validity options and prices', () => {
  test('prices typed in 元 become fen; 0 is a valid price; disabled options keep their price', ({
    assert,
  }) => {
    const result = buildValidityOptions([
      { years: 1, enabled: true, price: '240' },
      { years: 2, enabled: true, price: '0' },
      { years: 3, enabled: false, price: '600.5' },
    ])
    assert.deepEqual(result, {
      ok: true,
      value: [
        { years: 1, enabled: true, priceFen: 24000 },
        { years: 2, enabled: true, priceFen: 0 },
        { years: 3, enabled: false, priceFen: 60050 },
      ],
    })
  })

  test('a missing row counts as disabled without a price', ({ assert }) => {
    const result = buildValidityOptions([{ years: 2, enabled: true, price: 99.99 }])
    assert.deepEqual(result, {
      ok: true,
      value: [
        { years: 1, enabled: false, priceFen: 0 },
        { years: 2, enabled: true, priceFen: 9999 },
        { years: 3, enabled: false, priceFen: 0 },
      ],
    })
  })

  test('negative, malformed and missing prices are refused per field', ({ assert }) => {
    const result = buildValidityOptions([
      { years: 1, enabled: true, price: '-1' },
      { years: 2, enabled: true, price: '1.234' },
      { years: 3, enabled: true, price: null },
    ])
    assert.deepEqual(result, {
      ok: false,
      errors: {
        price_1: '价格不能为负数',
        price_2: '请输入正确的价格（元，最多两位小数，如 240 或 240.50）',
        price_3: '请填写3年的价格（免费请填 0）',
      },
    })
    assert.isFalse(buildValidityOptions([{ years: 1, enabled: false, price: '1e5' }]).ok)
  })

  test('at least one option must be enabled', ({ assert }) => {
    const result = buildValidityOptions([
      { years: 1, enabled: false, price: '100' },
      { years: 2, enabled: false, price: '' },
    ])
    assert.deepEqual(result, { ok: false, errors: { validity: '请至少启用一个有效期选项' } })
  })
})

test.group('Delivery methods, size window, accepted types', () => {
  test('cloud certificates are installed online; uKeys are mailed, picked up or made by the applicant', ({
    assert,
  }) => {
    assert.deepEqual(checkDeliveryMethods('cloud', ['online_install']), {
      ok: true,
      value: ['online_install'],
    })
    assert.deepEqual(checkDeliveryMethods('ukey', ['self_make', 'mail_cod', 'mail_cod']), {
      ok: true,
      value: ['mail_cod', 'self_make'],
    })
    assert.deepEqual(checkDeliveryMethods('ukey', ['online_install']), {
      ok: false,
      errors: { delivery_methods: 'uKey 证书不能选择自助（在线安装）' },
    })
    assert.deepEqual(checkDeliveryMethods('cloud', ['pickup']), {
      ok: false,
      errors: { delivery_methods: '移动证书只能在线安装，不能选择自取' },
    })
    assert.deepEqual(checkDeliveryMethods('ukey', []), {
      ok: false,
      errors: { delivery_methods: '请至少选择一种取证方式' },
    })
    assert.deepEqual(checkDeliveryMethods('ukey', ['drone']), {
      ok: false,
      errors: { delivery_methods: '请选择有效的取证方式' },
    })
  })

  test('the size window needs a positive maximum and a minimum not above it', ({ assert }) => {
    assert.deepEqual(checkSizeWindow(150 * 1024, 1024 * 1024), {
      ok: true,
      value: { minSize: 150 * 1024, maxSize: 1024 * 1024 },
    })
    assert.deepEqual(checkSizeWindow(0, 1024), {
      ok: true,
      value: { minSize: null, maxSize: 1024 },
    })
    assert.deepEqual(checkSizeWindow(2048, 1024), {
      ok: false,
      errors: { min_size_kb: '最小文件大小不能大于最大文件大小' },
    })
    assert.deepEqual(checkSizeWindow(null, 0), {
      ok: false,
      errors: { max_size_kb: '最大文件大小必须大于 0' },
    })
  })

  test('accepted types come from the list and keep its order', ({ assert }) => {
    assert.deepEqual(checkAcceptedTypes(['pdf', 'jpg'], MATERIAL_FILE_TYPES), {
      ok: true,
      value: ['jpg', 'pdf'],
    })
    assert.deepEqual(checkAcceptedTypes([], MATERIAL_FILE_TYPES), {
      ok: false,
      errors: { accepted_types: '请至少选择一种文件格式' },
    })
    assert.deepEqual(checkAcceptedTypes(['exe'], MATERIAL_FILE_TYPES), {
      ok: false,
      errors: { accepted_types: '请选择有效的文件格式' },
    })
  })
})

test.group('Price quotes', () => {
  const ukey = {
    medium: 'ukey' as const,
    firstUkeyFree: true,
    validityOptions: [
      { years: 1, enabled: true, priceFen: 30000 },
      { years: 2, enabled: false, priceFen: 55000 },
      { years: 3, enabled: true, priceFen: 78000 },
    ],
  }

  test('an enabled option has its price', ({ assert }) => {
    assert.deepEqual(quotePrice(ukey, 3), {
      ok: true,
      years: 3,
      listPriceFen: 78000,
      priceFen: 78000,
      free: false,
      note: null,
      label: '3年 ¥780.00',
    })
  })

  test('a disabled or unknown option is refused', ({ assert }) => {
    assert.deepEqual(quotePrice(ukey, 2), {
      ok: false,
      message: '所选证书有效期不可用，请重新选择',
    })
    assert.deepEqual(quotePrice(ukey, 5), {
      ok: false,
      message: '所选证书有效期不可用，请重新选择',
    })
  })

  test("the first uKey is free only when the product says so and it is the applicant's first", ({
    assert,
  }) => {
    const first = quotePrice(ukey, 1, { firstUkey: true })
    assert.deepInclude(first, {
      ok: true,
      listPriceFen: 30000,
      priceFen: 0,
      free: true,
      note: '首把 uKey 免费',
      label: '1年 免费',
    })
    assert.deepInclude(quotePrice(ukey, 1, { firstUkey: false }), { priceFen: 30000, free: false })
    assert.deepInclude(quotePrice({ ...ukey, firstUkeyFree: false }, 1, { firstUkey: true }), {
      priceFen: 30000,
      note: null,
    })
    assert.deepInclude(quotePrice({ ...ukey, medium: 'cloud' }, 1, { firstUkey: true }), {
      priceFen: 30000,
    })
  })

  test('a free option is free without a note', ({ assert }) => {
    const free = quotePrice(
      { medium: 'cloud', firstUkeyFree: false, validityOptions: [{ years: 1, priceFen: 0 }] },
      1
    )
    assert.deepInclude(free, { ok: true, priceFen: 0, free: true, note: null })
  })
})
