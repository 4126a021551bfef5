import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Where the server about to start can be opened: its own host and port
 * (PORT=3472 npm start serves on 3472, whatever APP_URL says), and the
 * public address APP_URL when that is another one (behind a proxy).
 */
export function readyAddresses(input: { appUrl: string; host?: string; port?: number | string }) {
  const host =
    !input.host || input.host === '0.0.0.0' || input.host === '::' ? 'localhost' : input.host
  const local = `http://${host.includes(':') ? `[${host}]` : host}:${input.port ?? 3333}`
  const publicUrl = input.appUrl.replace(/\/+$/, '')
  return { local, publicUrl: publicUrl === local ? null : publicUrl }
}

/**
 * What `npm start` runs before the server: migrate, seed the demo office
 * once, create the CA once, and say where to go.
 */
export default class AppPrepare extends BaseCommand {
  static commandName = 'app:prepare'
  static description = '启动前准备：迁移数据库、首次启动时写入演示数据并创建 CA'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { MigrationRunner } = await import('@adonisjs/lucid/migration')

    const migrator = new MigrationRunner(db, this.app, {
      direction: 'up',
      dryRun: false,
      disableLocks: db.connection().dialect.name === 'sqlite3',
    })
    await migrator.run()
    if (migrator.status === 'error') {
      this.logger.error(`数据库迁移失败：${migrator.error?.message}`)
      this.exitCode = 1
      return
    }
    const applied = Object.keys(migrator.migratedFiles).length
    if (applied) this.logger.info(`已执行 ${applied} 个数据库迁移`)

    const { default: settings } = await import('#core/settings')
    const seededAt = await settings.get('demo_seeded_at')
    if (!seededAt) {
      const seed = await this.kernel.exec('db:seed', [])
      if (seed.exitCode) {
        this.logger.error('写入演示数据失败')
        this.exitCode = 1
        return
      }
      await settings.set('demo_seeded_at', new Date().toISOString())
    }

    if (this.kernel.getCommand('ca:init')) {
      const ca = await this.kernel.exec('ca:init', ['--if-missing'])
      if (ca.exitCode) {
        this.exitCode = 1
        return
      }
    }

    const { appUrl } = await import('#config/app')
    const { default: env } = await import('#start/env')
    const { local, publicUrl } = readyAddresses({
      appUrl,
      host: env.get('HOST'),
      port: env.get('PORT'),
    })
    this.logger.log('')
    this.logger.log(`  CertDesk 已就绪：${local}`)
    this.logger.log(`  后台管理：${local}/admin`)
    if (!seededAt)
      this.logger.log(
        '  首次启动打印的登录密码只显示一次；忘记密码：npm run ace -- staff:reset-password admin'
      )
    if (publicUrl)
      this.logger.log(`  对外地址（APP_URL，证书中的 CRL/OCSP 地址以此为准）：${publicUrl}`)
    this.logger.log('')
  }
}
