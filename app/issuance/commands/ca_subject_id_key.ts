import { flags } from '@adonisjs/core/ace'
import { OfficeCommand } from '#core/office_command'

/**
 * Print the key of the subject ID hash for an authorised relying party
 * (a trading platform that must match certificates to the ID numbers it
 * holds). Audited with the recipient. app/issuance/README.md shows the
 * computation.
 */
export default class CaSubjectIdKey extends OfficeCommand {
  static commandName = 'ca:subject-id-key'
  static description =
    '输出证书主题证件号哈希（HMAC-SHA256）的密钥，交给经授权的依赖方（写入审计日志）'

  @flags.string({ description: '接收密钥的依赖方（写入审计日志）', required: true })
  declare for: string

  async perform() {
    const { revealSubjectIdKey } = await import('#issuance/actions/ca_settings')
    const result = await revealSubjectIdKey({
      recipient: this.for,
      actor: { type: 'system', name: 'ace ca:subject-id-key' },
    })
    this.logger.log(result.keyHex)
    this.logger.logError(
      `第 ${result.version} 版密钥（十六进制）。证书中 serialNumber 为 "H${result.version}-" 开头的值：` +
        `printf %s <证件号码> | openssl dgst -sha256 -mac HMAC -macopt hexkey:<密钥> 的前 40 位十六进制（大写）`
    )
  }
}
