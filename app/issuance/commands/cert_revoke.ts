import { args, flags } from '@adonisjs/core/ace'
import { OfficeCommand } from '#core/office_command'

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
export default class CertRevoke extends OfficeCommand {
  static commandName = 'cert:revoke'
  static description = '注销证书（certificateHold 为冻结），并立即发布新的 CRL'

  @args.string({ description: '证书序列号（十六进制）' })
  declare serial: string

  @flags.string({ description: `原因：${REASONS.join('、')}`, required: true })
  declare reason: string

  @flags.string({ description: '备注（写入审计日志）' })
  declare note: string

  async perform() {
    const { revoke, suspend } = await import('#issuance/actions/certificate_status')
    if (!REASONS.includes(this.reason)) {
      this.refuse(`--reason 应为：${REASONS.join('、')}`)
    }
    const actor = { type: 'system' as const, name: 'ace cert:revoke' }
    const note = this.note || '命令行操作'
    const result =
      this.reason === 'certificateHold'
        ? await suspend(this.serial, { note, actor })
        : await revoke(this.serial, this.reason as any, { note, actor })
    const verb = this.reason === 'certificateHold' ? '冻结' : '注销'
    this.logger.success(
      `已${verb}证书 ${result.serials.map((s) => s.toUpperCase()).join('、')}，CRL 已更新为第 ${result.crlNumber} 号`
    )
  }
}
