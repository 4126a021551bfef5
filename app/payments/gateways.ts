import paymentsConfig from '#config/payments'
import { registerSandboxProbe } from '#core/sandbox'
import type { PaymentDriver } from './drivers/contract.js'
import { SandboxDriver } from './drivers/sandbox.js'
import { WechatPayDriver } from './drivers/wechatpay.js'
import { AlipayDriver } from './drivers/alipay.js'
import { BankTransferDriver } from './drivers/bank_transfer.js'
import { PAYMENT_METHODS, PAYMENT_METHOD_KEYS, type PaymentMethod } from './labels.js'

/**
 * The gateway drivers, built from config/payments.ts. Tests replace one
 * with `gateways.use(method, driver)` and put everything back with
 * `gateways.reset()`.
 */
function build(method: PaymentMethod): PaymentDriver {
  switch (method) {
    case 'sandbox':
      return new SandboxDriver({
        secret: paymentsConfig.sandbox.secret,
        appUrl: paymentsConfig.appUrl,
        maxClockSkewSeconds: paymentsConfig.maxClockSkewSeconds,
      })
    case 'wechatpay':
      return new WechatPayDriver({
        ...paymentsConfig.wechatpay,
        notifyUrl: `${paymentsConfig.notifyBaseUrl}/payments/notify/wechatpay`,
        maxClockSkewSeconds: paymentsConfig.maxClockSkewSeconds,
      })
    case 'alipay':
      return new AlipayDriver({
        ...paymentsConfig.alipay,
        notifyUrl: `${paymentsConfig.notifyBaseUrl}/payments/notify/alipay`,
      })
    case 'bank_transfer':
      return new BankTransferDriver(paymentsConfig.bankTransfer)
  }
}

class Gateways {
  #drivers = new Map<PaymentMethod, PaymentDriver>()
  #enabled: PaymentMethod[] | null = null

  get(method: PaymentMethod): PaymentDriver {
    let driver = this.#drivers.get(method)
    if (!driver) {
      driver = build(method)
      this.#drivers.set(method, driver)
    }
    return driver
  }

  /**
   * Methods listed in PAYMENTS_METHODS.
   */
  enabledMethods(): PaymentMethod[] {
    return (
      this.#enabled ??
      paymentsConfig.methods.filter((m): m is PaymentMethod => m in PAYMENT_METHODS)
    )
  }

  /**
   * Whether the applicant may choose this method now: listed and configured.
   */
  isAvailable(method: PaymentMethod): boolean {
    return this.enabledMethods().includes(method) && this.get(method).isConfigured()
  }

  /**
   * The methods offered to applicants, in display order.
   */
  available(): PaymentDriver[] {
    return this.enabledMethods()
      .filter((m) => PAYMENT_METHOD_KEYS.includes(m))
      .map((m) => this.get(m))
      .filter((d) => d.isConfigured())
  }

  /**
   * Tests: replace a driver, or the list of enabled methods.
   */
  use(method: PaymentMethod, driver: PaymentDriver) {
    this.#drivers.set(method, driver)
  }

  enable(methods: PaymentMethod[] | null) {
    this.#enabled = methods
  }

  reset() {
    this.#drivers.clear()
    this.#enabled = null
  }
}

export const gateways = new Gateways()
export default gateways

registerSandboxProbe(() => {
  const notes: string[] = []
  if (gateways.isAvailable('sandbox')) notes.push('支付：已启用“沙箱支付”，模拟支付不会真实扣款')
  if (gateways.isAvailable('bank_transfer') && gateways.get('bank_transfer').sandbox) {
    notes.push('银行汇款：收款账户为示例账户，请勿真实汇款')
  }
  return notes.length ? notes.join('；') : null
})
