import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class StaffResetPassword extends BaseCommand {
  static commandName = 'staff:reset-password'
  static description =
    '为工作人员生成新的随机密码并打印，启用账号并解除登录锁定（忘记管理员密码时使用）'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: '工作人员用户名，例如 admin' })
  declare username: string

  async run() {
    const { default: Staff } = await import('#admin/models/staff')
    const { default: audit } = await import('#core/audit/audit_service')
    const { generateStaffPassword } = await import('#admin/actions/staff_accounts')
    const { default: staffAuth } = await import('#admin/actions/staff_auth')
    const username = this.username.trim().toLowerCase()
    const staff = await Staff.findBy('username', username)
    if (!staff) {
      this.logger.error(`找不到用户名为 ${username} 的工作人员`)
      this.exitCode = 1
      return
    }
    const password = generateStaffPassword()
    const wasActive = staff.isActive
    staff.password = password
    staff.isActive = true
    staff.mustChangePassword = true
    await staff.save()
    await staffAuth.unlock(username)
    const { endSessions } = await import('#core/sessions/sessions')
    await endSessions({ staffId: staff.id })
    await audit.record({
      action: 'admin.staff.password_reset_cli',
      actor: { type: 'system', name: 'ace staff:reset-password' },
      subjectType: 'staff',
      subjectId: staff.id,
      data: { username, reactivated: !wasActive },
    })
    this.logger.success(`已重置 ${staff.username} 的密码：${password}`)
    this.logger.info('登录后台后须立即修改此密码。')
  }
}
