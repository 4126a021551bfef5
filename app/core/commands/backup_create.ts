import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace backup:create [--to folder]`: a consistent backup of the
 * database (with the encrypted CA keys) and the private files, while the
 * server keeps running (#core/backups).
 */
export default class BackupCreate extends BaseCommand {
  static commandName = 'backup:create'
  static description = '备份数据库（含加密的 CA 密钥）与私有文件，服务运行时也可执行'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: '备份存放目录（默认 tmp/backups）' })
  declare to?: string

  async run() {
    const { isAbsolute } = await import('node:path')
    const { createBackup } = await import('#core/backups')
    const parent = this.to
      ? isAbsolute(this.to)
        ? this.to
        : this.app.makePath(this.to)
      : this.app.tmpPath('backups')
    try {
      const { path, manifest } = await createBackup(parent)
      const total = (table: string) => manifest.tables[table] ?? 0
      this.logger.success(`备份完成：${path}`)
      this.logger.info(
        `订单 ${total('orders')} 笔，支付 ${total('payments')} 笔，证书 ${total('issued_certificates')} 张，私有文件 ${manifest.storage.files} 个，审计日志 ${manifest.audit.seq} 条`
      )
      this.logger.info(
        'CA_PASSPHRASE 与 APP_KEY 不在备份中，请另行妥善保管（恢复时需要同一个 CA_PASSPHRASE）。'
      )
    } catch (error) {
      this.logger.error(`备份失败：${(error as Error).message}`)
      this.exitCode = 1
    }
  }
}
