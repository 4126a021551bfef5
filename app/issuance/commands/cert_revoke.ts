import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const REASONS = [
  'keyCompromise',
  'superseded',
  'affiliationChanged',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'unspecified',
]

/**
 * Revoke a certificate (certificateHold suspends it instead). A new CRL
 * is published at once and OCSP answers with the new status.
 */
export default class CertRevoke extends BaseCommand {
  static commandName = 'cert:revoke'
  static description = '注销证书（certificateHold 为冻结），并立即发布新的 CRL'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: '证书序列号（十六进制）' })
  declare serial: string

  @flags.string({ description: `原因：${REASONS.join('、')}`, required: true })
  declare reason: string

  @flags.string({ description: '备注（写入审计日志）' })
  declare note: string

  async run() {
    const { revoke, suspend } = await import('#issuance/actions/certificate_status')
    const { isIssuanceError } = await import('#issuance/services/errors')
    if (!REASONS.includes(this.reason)) {
      this.logger.error(`--reason 应为：${REASONS.join('、')}`)
      this.exitCode = 1
      return
    }
    const actor = { type: 'system' as const, name: 'ace cert:revoke' }
    const note = this.note || '命令行操作'
    try {
      const result =
        this.reason === 'certificateHold'
          ? await suspend(this.serial, { note, actor })
          : await revoke(this.serial, this.reason as any, { note, actor })
      const verb = this.reason === 'certificateHold' ? '冻结' : '注销'
      this.logger.success(
        `已${verb}证书 ${result.serials.map((s) => s.toUpperCase()).join('、')}，CRL 已更新为第 ${result.crlNumber} 号`
      )
    } catch (error) {
      if (isIssuanceError(error)) {
        this.logger.error(error.message)
        this.exitCode = 1
        return
      }
      throw error
    }
  }
}
