import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export { readyAddresses } from '#core/ready'

/**
 * What `npm start` runs once before the servers start (bin/start.ts):
 * migrate, create the first super admin, seed the demo office once when
 * DEMO_DATA is on (the .env written by the first `npm start` turns it on;
 * a production .env leaves it off), create the CA once, and keep the data
 * files private. The primary says 已就绪 when the port accepts
 * connections, not here.
 */
export default class AppPrepare extends BaseCommand {
  static commandName = 'app:prepare'
  static description = '启动前准备：迁移数据库、首次启动时写入演示数据并创建 CA'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { migrateUp } = await import('#core/migrate')
    const migration = await migrateUp(this.app)
    if (migration.failed) {
      this.logger.error(`数据库迁移失败：${migration.error?.message}`)
      this.exitCode = 1
      return
    }
    if (migration.applied) this.logger.info(`已执行 ${migration.applied} 个数据库迁移`)

    const { default: settings } = await import('#core/settings')
    const { demoData } = await import('#config/app')
    // the office's first super admin (once; its password must be changed at first login)
    const admin = await this.kernel.exec('db:seed', [
      '--files',
      'database/seeders/01_admin_seeder.ts',
    ])
    if (admin.exitCode) {
      this.logger.error('创建管理员账号失败')
      this.exitCode = 1
      return
    }
    const seededAt = await settings.get('demo_seeded_at')
    if (demoData && !seededAt) {
      const seed = await this.kernel.exec('db:seed', [
        '--files',
        'database/seeders/02_accounts_seeder.ts',
        '--files',
        'database/seeders/03_catalog_seeder.ts',
        '--files',
        'database/seeders/04_orgs_seeder.ts',
        '--files',
        'database/seeders/05_platforms_seeder.ts',
      ])
      if (seed.exitCode) {
        this.logger.error('写入演示数据失败')
        this.exitCode = 1
        return
      }
      await settings.set('demo_seeded_at', new Date().toISOString())
      this.logger.info('已写入演示数据（DEMO_DATA=true）')
    }

    if (this.kernel.getCommand('ca:init')) {
      const ca = await this.kernel.exec('ca:init', ['--if-missing'])
      if (ca.exitCode) {
        this.exitCode = 1
        return
      }
    }

    await this.#tightenFileModes()
  }

  /**
   * The database file, tmp/ and the private storage are the office's
   * user's only (600/700), also on an install made before this was so.
   */
  async #tightenFileModes() {
    const { dirname } = await import('node:path')
    const { tightenFile, tightenTree } = await import('#core/file_modes')
    const { storageRoot } = await import('#config/drive')
    const { sqlitePath } = await import('#config/database')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    let changed = 0
    if (db.connection().dialect.name === 'sqlite3') {
      for (const suffix of ['', '-wal', '-shm']) {
        if (await tightenFile(sqlitePath + suffix)) changed++
      }
      if (await tightenFile(dirname(sqlitePath), 0o700)) changed++
    }
    if (await tightenFile(this.app.tmpPath(), 0o700)) changed++
    changed += await tightenTree(storageRoot)
    if (changed)
      this.logger.info(`已将 ${changed} 个数据文件或目录的权限收紧为仅本用户可读写（600/700）`)
  }
}
