import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import nock from 'nock'

/**
 * Drop every table (a previous run may have crashed) and migrate.
 */
export async function prepareTestDatabase() {
  const connection = db.connection()
  await connection.dropAllTables()
  const ace = await app.container.make('ace')
  const command = await ace.exec('migration:run', [
    '--compact-output',
    '--no-schema-generate',
    '--force',
  ])
  if (command.exitCode) {
    throw command.error ?? new Error('migration:run failed')
  }
}

/**
 * Per-test reset of in-memory state.
 */
export async function resetTestState() {
  await limiter.clear()
  nock.cleanAll()
}
