import { test } from '@japa/runner'
import { serviceFee, serviceNeedsReview, serviceSettings } from '#catalog/services/service_fees'

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
})
