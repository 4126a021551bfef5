import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Bring the schema up to date (app:prepare at every start, backup:restore
 * after the restore): the pending migrations, without the advisory lock
 * on SQLite (one process writes it). Says whether it failed, with the
 * error, and how many migrations it applied.
 */
export async function migrateUp(app: ApplicationService) {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { MigrationRunner } = await import('@adonisjs/lucid/migration')
  const migrator = new MigrationRunner(db, app, {
    direction: 'up',
    dryRun: false,
    disableLocks: db.connection().dialect.name === 'sqlite3',
  })
  await migrator.run()
  return {
    failed: migrator.status === 'error',
    error: migrator.error,
    applied: Object.keys(migrator.migratedFiles).length,
  }
}
