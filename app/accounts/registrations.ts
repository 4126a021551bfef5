import { registerSandboxProbe } from '#core/sandbox'
import realNames from '#accounts/realname/real_name_service'
import '#accounts/audit_actions'
import '#accounts/validators'
import '#accounts/account_lifecycle'
import '#accounts/actions/appeals'
import '#accounts/actions/phone_changes'
import '#accounts/realname/real_name_review'
import '#accounts/realname/check_lifecycle'

/**
 * What the accounts module registers at boot (its module.ts `boot`): the
 * Chinese labels of its audit actions and SMS purposes, of its form
 * fields (validators.ts), of its lifecycles and reviews (each definition
 * registers its own when it is loaded: the imports above), and the
 * real-name providers' sandbox probe (the methods still simulated).
 */
registerSandboxProbe(() => {
  const methods = realNames.sandboxMethods
  return methods.length ? `实名认证：沙箱核验（${methods.join('、')}），不连接真实核验服务` : null
})
