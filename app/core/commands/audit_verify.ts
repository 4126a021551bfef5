import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class AuditVerify extends BaseCommand {
  static commandName = 'audit:verify'
  static description = '校验审计日志哈希链，报告第一个断开的位置'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: audit } = await import('#core/audit/audit_service')
    const result = await audit.verify()
    if (result.ok) {
      this.logger.success(`审计日志完整：已校验 ${result.checked} 条记录，哈希链无断点。`)
      return
    }
    this.logger.error(
      `审计日志在第 ${result.brokenAt} 条记录处断开：${result.reason}（此前 ${result.checked} 条完整）`
    )
    this.exitCode = 1
  }
}
