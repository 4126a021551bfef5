import { test } from '@japa/runner'
import { fenToChineseCapital } from '#invoices/services/chinese_amount'
import { taxOfInclusive } from '#invoices/services/tax'

/**
 * 价税合计（大写）: the amount in Chinese capitals as an invoice prints it,
 * and the tax of a tax-inclusive amount.
 */
test.group('Invoices · amounts in Chinese capitals', () => {
  const cases: Array<[number, string]> = [
    [0, '零元整'],
    [1, '壹分'],
    [10, '壹角整'],
    [105, '壹元零伍分'],
    [150, '壹元伍角整'],
    [12000, '壹佰贰拾元整'],
    [24000, '贰佰肆拾元整'],
    [100500, '壹仟零伍元整'],
    [1000000, '壹万元整'],
    [1005000, '壹万零伍拾元整'],
    [10050000, '壹拾万零伍佰元整'],
    [123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [10000000100, '壹亿零壹元整'],
    [10010000000, '壹亿零壹拾万元整'],
    [10100000000, '壹亿零壹佰万元整'],
    [100000100000, '壹拾亿零壹仟元整'],
    [-12000, '负壹佰贰拾元整'],
  ]
  for (const [fen, words] of cases) {
    test(`${fen} fen is written ${words}`, ({ assert }) => {
      assert.equal(fenToChineseCapital(fen), words)
    })
  }

  test('a fraction of a fen is refused', ({ assert }) => {
    assert.throws(() => fenToChineseCapital(1.5))
  })
})

test.group('Invoices · tax of a tax-inclusive amount', () => {
  test('120.00 at 6 % carries 6.79 of tax; a red-letter amount the same, negative', ({
    assert,
  }) => {
    assert.equal(taxOfInclusive(12000, 600), 679)
    assert.equal(taxOfInclusive(-12000, 600), -679)
    assert.equal(taxOfInclusive(0, 600), 0)
    assert.equal(taxOfInclusive(10600, 600), 600)
  })
})
