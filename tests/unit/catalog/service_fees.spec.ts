import { test } from '@japa/runner'
import {
  buildServiceSettings,
  serviceFee,
  serviceFormValues,
  serviceNeedsReview,
  serviceSettings,
} from '#catalog/services/service_fees'

const cloud = {
  medium: 'cloud',
  validityOptions: [
    { years: 1, enabled: true, priceFen: 24000 },
    { years: 2, enabled: true, priceFen: 40000 },
    { years: 3, enabled: false, priceFen: 50000 },
  ],
  spec: null,
}
const ukey = { ...cloud, medium: 'ukey' }

test.group('Catalog · service fees per product', () => {
  test('defaults: renewal at the validity price, uKey medium fee 100 元, cloud 0, change free', ({
    assert,
  }) => {
    assert.deepInclude(serviceFee(cloud, 'renew', 2), { ok: true, amountFen: 40000 })
    assert.deepInclude(serviceFee(ukey, 'reissue'), { ok: true, amountFen: 10000 })
    assert.deepInclude(serviceFee(cloud, 'reissue'), { ok: true, amountFen: 0 })
    assert.deepInclude(serviceFee(cloud, 'change'), { ok: true, amountFen: 0 })
  })

  test('unlock, revoke and suspend are free', ({ assert }) => {
    for (const s of ['unlock', 'revoke', 'suspend'] as const)
      assert.deepInclude(serviceFee({ ...ukey, spec: { services: { mediumFeeFen: 9900 } } }, s), {
        ok: true,
        amountFen: 0,
      })
  })

  test('the catalog sets its own renewal price, medium fee and change fee', ({ assert }) => {
    const product = {
      ...ukey,
      spec: { services: { renewalPrices: { 1: 18000 }, mediumFeeFen: 8000, changeFeeFen: 5000 } },
    }
    assert.deepInclude(serviceFee(product, 'renew', 1), { amountFen: 18000 })
    assert.deepInclude(serviceFee(product, 'renew', 2), { amountFen: 40000 })
    assert.deepInclude(serviceFee(product, 'change_renew', 1), { amountFen: 23000 })
    const combo = serviceFee(product, 'renew_reissue', 1)
    assert.deepInclude(combo, { amountFen: 26000 })
    assert.lengthOf((combo as any).parts, 2)
  })

  test('a term the product does not offer is refused', ({ assert }) => {
    const quote = serviceFee(cloud, 'renew', 3)
    assert.isFalse(quote.ok)
    assert.include((quote as any).message, '3 年')
  })

  test('review: personal annual inspection none, enterprise yes, change and reissue always', ({
    assert,
  }) => {
    assert.isFalse(serviceNeedsReview(cloud, 'renew', 'person'))
    assert.isTrue(serviceNeedsReview(cloud, 'renew', 'org'))
    assert.isTrue(serviceNeedsReview(cloud, 'reissue', 'person'))
    assert.isTrue(serviceNeedsReview(cloud, 'change_renew', 'person'))
    const strict = { ...cloud, spec: { services: { renewalReview: { person: true } } } }
    assert.isTrue(serviceNeedsReview(strict, 'renew', 'person'))
    assert.isTrue(serviceSettings(cloud).holderSuspend)
  })

  test('补办: a uKey pays the medium fee plus the 补办费 when one is set; a cloud product only the 补办费 (its former medium fee)', ({
    assert,
  }) => {
    const ukeyFees = { ...ukey, spec: { services: { mediumFeeFen: 8000, reissueFeeFen: 2000 } } }
    const quote = serviceFee(ukeyFees, 'reissue') as any
    assert.equal(quote.amountFen, 10000)
    assert.deepEqual(
      quote.parts.map((p: any) => p.label),
      ['介质费（新 uKey）', '补办费']
    )
    assert.deepInclude(
      serviceFee({ ...cloud, spec: { services: { reissueFeeFen: 500 } } }, 'reissue'),
      {
        amountFen: 500,
      }
    )
    assert.deepInclude(
      serviceFee({ ...cloud, spec: { services: { mediumFeeFen: 700 } } }, 'reissue'),
      {
        amountFen: 700,
      }
    )
  })

  test('the back office form: 元 become 分, empty keeps the default, bad amounts at their field, no medium fee for cloud', ({
    assert,
  }) => {
    const built = buildServiceSettings(
      { renewalPrice2: '380.5', changeFee: '0', reissueFee: '', renewalReviewOrg: true },
      'ukey'
    )
    assert.deepEqual(built, {
      ok: true,
      value: {
        renewalPrices: { 2: 38050 },
        renewalReview: { person: false, org: true },
        holderSuspend: false,
        changeFeeFen: 0,
      },
    })
    assert.deepEqual(buildServiceSettings({ renewalPrice1: '-3', mediumFee: '1.234' }, 'ukey'), {
      ok: false,
      errors: {
        renewal_price_1: '价格不能为负数',
        medium_fee: '请输入正确的价格（元，最多两位小数，如 240 或 240.50）',
      },
    })
    assert.isFalse(buildServiceSettings({ mediumFee: '5' }, 'cloud').ok)
    assert.deepEqual(buildServiceSettings({ mediumFee: '0' }, 'cloud').ok, true)

    const values = serviceFormValues({ ...ukey, spec: { services: (built as any).value } })
    assert.include(values, { renewal_price_2: '380.50', renewal_price_1: '', change_fee: '0.00' })
    assert.include(values, { renewal_review_org: true, holder_suspend: false })
    /* a product never set: the defaults, shown as such */
    assert.include(serviceFormValues(cloud), {
      renewal_review_person: false,
      renewal_review_org: true,
      holder_suspend: true,
      medium_fee: '',
    })
  })
})
