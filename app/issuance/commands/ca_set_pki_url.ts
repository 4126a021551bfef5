import { args } from '@adonisjs/core/ace'
import { OfficeCommand } from '#core/office_command'

/**
 * Change the PKI base URL stored with the CA, deliberately (audited):
 * certificates issued from now on name the new CRL, OCSP and CA-issuer
 * URLs; those already issued keep the old ones.
 */
export default class CaSetPkiUrl extends OfficeCommand {
  static commandName = 'ca:set-pki-url'
  static description = '修改 PKI 地址（此后签发的证书中的 CRL/OCSP/CA 证书下载地址），写入审计日志'

  @args.string({ description: '新的 PKI 地址，例如 http://pki.example.cn/pki' })
  declare url: string

  async perform() {
    const { setPkiBaseUrl } = await import('#issuance/actions/ca_settings')
    const result = await setPkiBaseUrl({
      url: this.url,
      actor: { type: 'system', name: 'ace ca:set-pki-url' },
    })
    this.logger.success(`PKI 地址已由 ${result.from ?? '（无）'} 改为 ${result.to}`)
    this.logger.info(
      '此后签发的证书使用新地址；已签发的证书仍指向原地址，请在它们到期前让原地址继续可用'
    )
  }
}
