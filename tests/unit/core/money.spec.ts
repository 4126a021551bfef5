import { test } from '@japa/runner'
import { fenToYuanString, formatFen, parseYuan } from '#core/money'

test.group('Money in fen', () => {
  test('formats fen as yuan with two decimals and thousands separators', ({ assert }) => {
    assert.equal(formatFen(24000), '¥240.00')
    assert.equal(formatFen(1), '¥0.01')
    assert.equal(formatFen(10), '¥0.10')
    assert.equal(formatFen(0), '¥0.00')
    assert.equal(formatFen(123456789), '¥1,234,567.89')
    assert.equal(formatFen(-2550), '-¥25.50')
    assert.equal(formatFen(null), '¥0.00')
    assert.equal(formatFen(undefined), '¥0.00')
    assert.equal(formatFen(24000, false), '240.00')
  })

  test('parses the amounts staff type into integer fen', ({ assert }) => {
    assert.strictEqual(parseYuan('240'), 24000)
    assert.strictEqual(parseYuan('240.5'), 24050)
    assert.strictEqual(parseYuan('240.50'), 24050)
    assert.strictEqual(parseYuan(' 0.01 '), 1)
    assert.strictEqual(parseYuan('0.29'), 29, 'no floating point drift')
    assert.strictEqual(parseYuan('1.13'), 113)
    assert.strictEqual(parseYuan('0'), 0)
    assert.strictEqual(parseYuan(99.9), 9990)
  })

  test('refuses anything that is not a non-negative amount with at most two decimals', ({
    assert,
  }) => {
    for (const bad of [
      '',
      ' ',
      '-1',
      '1.234',
      'abc',
      '1e3',
      '1,000',
      '¥10',
      '.5',
      '5.',
      '1234567890',
      null,
      undefined,
    ]) {
      assert.isNull(parseYuan(bad as any), String(bad))
    }
  })

  test('gives gateways a plain decimal string', ({ assert }) => {
    assert.equal(fenToYuanString(123456), '1234.56')
    assert.equal(fenToYuanString(5), '0.05')
    assert.equal(fenToYuanString(100000000), '1000000.00')
  })

  test('formatting and parsing round-trip', ({ assert }) => {
    for (const fen of [0, 1, 99, 100, 24000, 123456, 99999999]) {
      assert.equal(parseYuan(fenToYuanString(fen)), fen)
    }
  })
})
