import { flags } from '@adonisjs/core/ace'
import { OfficeCommand } from '#core/office_command'
import { rootKeyPassphrase } from '#issuance/commands/_root_key_passphrase'

/**
 * Create the root CA and the issuing CA (npm start runs it with
 * --if-missing on every start: then it only checks that a CA exists).
 * The PKI base URL is read here, once (--pki-url, else PKI_BASE_URL,
 * else APP_URL/pki), and stored with the CA. --offline-root <file> keeps
 * the root key out of the database, in an encrypted file.
 */
export default class CaInit extends OfficeCommand {
  static commandName = 'ca:init'
  static description =
    '创建根 CA 与签发 CA（密钥以 CA_PASSPHRASE 加密保存，或根 CA 密钥离线保存）并发布首个 CRL'

  @flags.boolean({ description: 'CA 已存在时静默退出（npm start 使用）' })
  declare ifMissing: boolean

  @flags.string({
    description:
      'PKI 地址（写入证书的 CRL/OCSP/CA 证书下载地址的前缀），默认 PKI_BASE_URL 或 APP_URL/pki',
  })
  declare pkiUrl: string

  @flags.string({
    description:
      '根 CA 私钥写入此加密文件离线保存（口令取自 ROOT_KEY_PASSPHRASE 或交互输入），数据库中不保存根 CA 私钥',
  })
  declare offlineRoot: string

  async perform() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const existing = await db
      .from('certificate_authorities')
      .where('is_current', true)
      .select('id')
      .first()
    if (existing) {
      if (this.ifMissing) return
      this.refuse('CA 已存在，无需重复初始化。查看状态：node ace ca:status')
    }

    const { writeFile, rm } = await import('node:fs/promises')
    const { initHierarchy, checkRootKeyPassphrase } = await import('#issuance/services/ca_setup')
    const { listCas } = await import('#issuance/queries/ca')
    const { caPassphrase } = await import('#issuance/services/secrets')
    let wroteKeyFile = false
    try {
      caPassphrase()
      const offlineRoot = this.offlineRoot
        ? {
            passphrase: checkRootKeyPassphrase(await rootKeyPassphrase(this, true)),
            writeKeyFile: async (pem: string) => {
              try {
                await writeFile(this.offlineRoot, pem, { mode: 0o600, flag: 'wx' })
              } catch (error: any) {
                const { IssuanceError } = await import('#issuance/services/errors')
                throw new IssuanceError(
                  'root_key_file',
                  error?.code === 'EEXIST'
                    ? `文件 ${this.offlineRoot} 已存在，不会覆盖，请换一个文件名`
                    : `无法写入根 CA 密钥文件 ${this.offlineRoot}：${error?.message ?? error}`
                )
              }
              wroteKeyFile = true
            },
          }
        : undefined
      this.logger.info('正在生成 CA 密钥并签发 CA 证书…')
      const result = await initHierarchy({
        actor: { type: 'system', name: 'ace ca:init' },
        pkiBaseUrl: this.pkiUrl || undefined,
        offlineRoot,
      })
      this.logger.info(`PKI 地址：${result.pkiBaseUrl}（修改：node ace ca:set-pki-url <地址>）`)
      if (result.offlineRoot) {
        this.logger.warning(
          `根 CA 私钥已写入 ${this.offlineRoot}（加密），数据库中不保存。请将该文件与口令分开离线保管，` +
            `并在预签 CRL 到期前用 node ace ca:root-crl --key-file <文件> 重新签发`
        )
      }
    } catch (error) {
      if (wroteKeyFile) await rm(this.offlineRoot, { force: true })
      throw error
    }
    for (const ca of await listCas()) {
      this.logger.success(`${ca.kindLabel}：${ca.subjectDn}`)
      this.logger.log(`  SHA-256 指纹：${ca.sha256Fingerprint}`)
    }
  }
}
