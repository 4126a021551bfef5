import { registerSandboxProbe } from '#core/sandbox'
import realNames from '#accounts/realname/real_name_service'
import '#accounts/audit_actions'
import '#accounts/validators'
import '#accounts/account_lifecycle'
import '#accounts/actions/appeals'
import '#accounts/actions/phone_changes'
import '#accounts/realname/real_name_review'

/**
 * What the accounts module registers at boot (its module.ts `boot`): the
 * Chinese labels of its audit actions and SMS purposes, of its form
 * fields (validators.ts), of its lifecycles and reviews (each definition
 * registers its own when it is loaded: the imports above), and the
 * real-name provider's sandbox probe.
 */
registerSandboxProbe(() =>
  realNames.provider.sandbox ? '实名认证：沙箱核验，不连接真实身份核验服务' : null
)
