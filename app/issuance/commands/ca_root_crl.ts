import { flags } from '@adonisjs/core/ace'
import { OfficeCommand } from '#core/office_command'
import { rootKeyPassphrase } from '#issuance/commands/_root_key_passphrase'

/**
 * The offline root's ceremony: with its encrypted key file brought back,
 * re-sign the root CRL and the OCSP responses about the issuing CA (valid
 * for offlineRoot.validityDays). The key is not stored.
 */
export default class CaRootCrl extends OfficeCommand {
  static commandName = 'ca:root-crl'
  static description = '用离线保存的根 CA 密钥文件重新签发根 CRL 与签发 CA 的 OCSP 响应'

  @flags.string({
    description:
      'ca:init --offline-root 写出的根 CA 密钥文件（口令取自 ROOT_KEY_PASSPHRASE 或交互输入）',
    required: true,
  })
  declare keyFile: string

  async perform() {
    const { readFile } = await import('node:fs/promises')
    const { resignOfflineRoot } = await import('#issuance/actions/ca_settings')
    const { formatTime } = await import('#core/time')
    const pem = await readFile(this.keyFile).catch(() =>
      this.refuse(`无法读取根 CA 密钥文件：${this.keyFile}`)
    )
    const result = await resignOfflineRoot({
      keyPem: pem,
      passphrase: await rootKeyPassphrase(this, false),
      actor: { type: 'system', name: 'ace ca:root-crl' },
    })
    this.logger.success(
      `根 CA 已签发 CRL 第 ${result.crlNumber} 号与 OCSP 响应，有效至 ${formatTime(result.nextUpdate)}。请将密钥文件放回离线保管`
    )
  }
}
