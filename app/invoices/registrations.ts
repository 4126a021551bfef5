import { registerSandboxProbe } from '#core/sandbox'
import invoicesConfig from '#config/invoices'
import '#invoices/lifecycle'

/**
 * What the invoices module registers at boot: the audit labels of its
 * lifecycle (lifecycle.ts) and the 沙箱 banner while invoices come from
 * the sandbox provider.
 */
registerSandboxProbe(() =>
  invoicesConfig.driver === 'sandbox' ? '发票：电子发票由沙箱开具，不是真实的税务发票' : null
)
