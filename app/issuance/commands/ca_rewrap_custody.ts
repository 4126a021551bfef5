import { OfficeCommand } from '#core/office_command'

/**
 * Move the office's slot of cloud certificates and archived keys made
 * before issue 9 (wrapped under the issuing CA's RSA key) to the custody
 * key. Safe to run again: wraps already moved are left alone.
 */
export default class CaRewrapCustody extends OfficeCommand {
  static commandName = 'ca:rewrap-custody'
  static description = '将旧的云证书密钥保护（签发 CA 私钥加密）迁移到独立的托管密钥'

  async perform() {
    const { rewrapCustody } = await import('#issuance/actions/ca_settings')
    const result = await rewrapCustody({
      actor: { type: 'system', name: 'ace ca:rewrap-custody' },
    })
    this.logger.success(
      `已迁移 ${result.credentials} 个云证书、${result.archivedKeys} 个归档加密密钥到托管密钥`
    )
  }
}
