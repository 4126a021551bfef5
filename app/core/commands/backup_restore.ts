import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace backup:restore <folder> [--force]`: bring a backup back on a
 * fresh install (its database and private files), bring the schema up to
 * date, check the audit chain and report what came back. An install that
 * already holds orders, payments or certificates is only overwritten with
 * --force. Stop the server first.
 */
export default class BackupRestore extends BaseCommand {
  static commandName = 'backup:restore'
  static description = '从备份恢复数据库与私有文件（新安装；已有业务数据时须加 --force）'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: '备份目录（backup:create 生成）' })
  declare path: string

  @flags.boolean({ description: '覆盖已有业务数据的安装' })
  declare force: boolean

  async run() {
    const { isAbsolute } = await import('node:path')
    const backups = await import('#core/backups')
    const path = isAbsolute(this.path) ? this.path : this.app.makePath(this.path)
    try {
      const manifest = await backups.readManifest(path)
      if (!this.force && (await backups.holdsBusinessData())) {
        this.logger.error(
          '当前安装已有订单、支付或证书数据；确需覆盖请加 --force（建议先备份当前数据）'
        )
        this.exitCode = 1
        return
      }
      await backups.restoreBackup(path, manifest)

      const { migrateUp } = await import('#core/migrate')
      const migration = await migrateUp(this.app)
      if (migration.failed) throw migration.error ?? new Error('数据库迁移失败')

      const counts = await backups.tableCounts()
      const { default: audit } = await import('#core/audit/audit_service')
      const chain = await audit.verify()
      const { storageRoot } = await import('#config/drive')
      const files = await backups.listFiles(storageRoot)
      const total = (table: string) => counts[table] ?? 0
      this.logger.success(`已从 ${path} 恢复（备份时间 ${manifest.createdAt}）`)
      this.logger.info(
        `订单 ${total('orders')} 笔，支付 ${total('payments')} 笔，证书 ${total('issued_certificates')} 张，私有文件 ${files.length} 个`
      )
      const short = Object.entries(manifest.tables).filter(([table, n]) => (counts[table] ?? 0) < n)
      if (short.length) {
        this.logger.error(`以下数据表少于备份时的行数：${short.map(([t]) => t).join('、')}`)
        this.exitCode = 1
      }
      if (!chain.ok) {
        this.logger.error(`审计日志校验未通过：第 ${chain.brokenAt} 条，${chain.reason}`)
        this.exitCode = 1
      } else {
        this.logger.info(`审计日志完整：已校验 ${chain.checked} 条记录`)
      }
      this.logger.info(
        '请确认本机的 CA_PASSPHRASE 与备份时的安装相同，否则 CA 密钥无法打开（GET /health 会显示）。'
      )
    } catch (error) {
      this.logger.error(`恢复失败：${(error as Error).message}`)
      this.exitCode = 1
    }
  }
}
