import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Move the office's slot of cloud certificates and archived keys made
 * before issue 9 (wrapped under the issuing CA's RSA key) to the custody
 * key. Safe to run again: wraps already moved are left alone.
 */
export default class CaRewrapCustody extends BaseCommand {
  static commandName = 'ca:rewrap-custody'
  static description = '将旧的云证书密钥保护（签发 CA 私钥加密）迁移到独立的托管密钥'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { rewrapCustody } = await import('#issuance/actions/ca_settings')
    const { isIssuanceError } = await import('#issuance/services/errors')
    try {
      const result = await rewrapCustody({
        actor: { type: 'system', name: 'ace ca:rewrap-custody' },
      })
      this.logger.success(
        `已迁移 ${result.credentials} 个云证书、${result.archivedKeys} 个归档加密密钥到托管密钥`
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
