import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { randomBytes } from 'node:crypto'

export default class StaffResetPassword extends BaseCommand {
  static commandName = 'staff:reset-password'
  static description = '为工作人员生成新的随机密码并打印（忘记管理员密码时使用）'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: '工作人员用户名，例如 admin' })
  declare username: string

  async run() {
    const { default: Staff } = await import('#admin/models/staff')
    const { default: audit } = await import('#core/audit/audit_service')
    const staff = await Staff.findBy('username', this.username)
    if (!staff) {
      this.logger.error(`找不到用户名为 ${this.username} 的工作人员`)
      this.exitCode = 1
      return
    }
    const password = `Ca${randomBytes(6).toString('base64url')}9`
    staff.password = password
    staff.isActive = true
    await staff.save()
    await audit.record({
      action: 'admin.staff.password_reset_cli',
      actor: { type: 'system', name: 'ace' },
      subjectType: 'staff',
      subjectId: staff.id,
    })
    this.logger.success(`已重置 ${staff.username} 的密码：${password}`)
  }
}
