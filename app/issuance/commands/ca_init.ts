import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Create the root CA and the issuing CA (npm start runs it with
 * --if-missing on every start: then it only checks that a CA exists).
 */
export default class CaInit extends BaseCommand {
  static commandName = 'ca:init'
  static description = '创建根 CA 与签发 CA（密钥以 CA_PASSPHRASE 加密保存）并发布首个 CRL'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'CA 已存在时静默退出（npm start 使用）' })
  declare ifMissing: boolean

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const existing = await db
      .from('certificate_authorities')
      .where('is_current', true)
      .select('id')
      .first()
    if (existing) {
      if (this.ifMissing) return
      this.logger.error('CA 已存在，无需重复初始化。查看状态：node ace ca:status')
      this.exitCode = 1
      return
    }

    const { initHierarchy } = await import('#issuance/services/ca_setup')
    const { isIssuanceError } = await import('#issuance/services/errors')
    const { listCas } = await import('#issuance/queries/ca')
    const { caPassphrase } = await import('#issuance/services/secrets')
    try {
      caPassphrase()
      this.logger.info('正在生成 CA 密钥并签发 CA 证书…')
      await initHierarchy({ actor: { type: 'system', name: 'ace ca:init' } })
    } catch (error) {
      if (isIssuanceError(error)) {
        this.logger.error(error.message)
        this.exitCode = 1
        return
      }
      throw error
    }
    for (const ca of await listCas()) {
      this.logger.success(`${ca.kindLabel}：${ca.subjectDn}`)
      this.logger.log(`  SHA-256 指纹：${ca.sha256Fingerprint}`)
    }
  }
}
