import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { SandboxDriver } from '#payments/drivers/sandbox'
import { fenToYuanString, parseYuan } from '#core/money'

const config = {
  secret: randomBytes(32),
  appUrl: 'http://127.0.0.1:3405',
  maxClockSkewSeconds: 300,
}

test.group('Sandbox gateway', () => {
  test('the cashier URL carries a token bound to the payment', ({ assert }) => {
    const driver = new SandboxDriver(config)
    const id = '0b8f5f5e-8a45-4f38-9a77-0d1c2a3b4c5d'
    const token = driver.cashierToken(id)
    assert.isTrue(driver.checkCashierToken(id, token))
    assert.isFalse(driver.checkCashierToken('1b8f5f5e-8a45-4f38-9a77-0d1c2a3b4c5d', token))
    assert.isFalse(
      driver.checkCashierToken(id, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))
    )
    assert.isFalse(driver.checkCashierToken(id, undefined))
    assert.isFalse(
      new SandboxDriver({ ...config, secret: randomBytes(32) }).checkCashierToken(id, token)
    )
    assert.equal(driver.cashierPath(id), `/payments/sandbox/${id}?t=${token}`)
  })

  test('its notifications verify; forged, stale or re-keyed ones do not', async ({ assert }) => {
    const driver = new SandboxDriver(config)
    const ok = driver.buildNotification({
      outTradeNo: '2030405060708090300',
      amountFen: 24000,
      success: true,
    })
    const result = await driver.parseNotification(ok)
    assert.equal(result!.state, 'paid')
    assert.equal(result!.amountFen, 24000)
    assert.match(result!.transactionId!, /^SANDBOX/)

    const failed = await driver.parseNotification(
      driver.buildNotification({ outTradeNo: '1', amountFen: 1, success: false })
    )
    assert.equal(failed!.state, 'failed')
    assert.equal(failed!.reason, '模拟支付失败')

    await assert.rejects(
      () => driver.parseNotification({ ...ok, body: ok.body.replace('24000', '1') }),
      '签名验证失败'
    )
    const other = new SandboxDriver({ ...config, secret: randomBytes(32) })
    await assert.rejects(() => other.parseNotification(ok), '签名验证失败')
    const later = new SandboxDriver(config, () => Date.now() + 301_000)
    await assert.rejects(() => later.parseNotification(ok), '签名时间戳已过期')
    await assert.rejects(
      () => driver.parseNotification({ headers: {}, body: ok.body }),
      '缺少沙箱签名'
    )
  })
})

test.group('Money for gateways', () => {
  test('fen and yuan strings convert exactly both ways', ({ assert }) => {
    const cases: Array<[number, string]> = [
      [1, '0.01'],
      [10, '0.10'],
      [100, '1.00'],
      [24000, '240.00'],
      [12345678, '123456.78'],
      [99999999999, '999999999.99'],
    ]
    for (const [fen, yuan] of cases) {
      assert.equal(fenToYuanString(fen), yuan)
      assert.equal(parseYuan(yuan), fen)
    }
    assert.equal(parseYuan('240'), 24000)
    assert.equal(parseYuan('240.5'), 24050)
    assert.isNull(parseYuan('240.001'))
    assert.isNull(parseYuan('-1.00'))
    assert.isNull(parseYuan('1e3'))
  })
})
