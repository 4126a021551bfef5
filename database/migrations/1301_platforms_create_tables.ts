import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * platforms: the integrations (an adapter enabled for a trading platform,
 * its configuration with the secrets encrypted), QR sessions, replay
 * guard nonces, the platform's API calls, webhook deliveries, the holder's
 * accounts on a platform (opened, bound certificate) and signing tasks.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('platform_integrations', (table) => {
      table.string('id', 36).primary()
      /** the catalog's trading platform (tenant) */
      table.string('platform_id', 36).notNullable().unique()
      table.string('platform_name', 200).notNullable()
      table.string('adapter', 60).notNullable()
      table.boolean('enabled').notNullable().defaultTo(false)
      /** the key id integrators send as X-App-Id */
      table.string('app_id', 40).notNullable().unique()
      /** 11-character 系统标识码 */
      table.string('platform_code', 11).notNullable()
      table.string('callback_url', 500).nullable()
      /** non-secret configuration fields (JSON) */
      table.text('config').nullable()
      /** secret fields + the API secret, encrypted with the app key (JSON) */
      table.text('secrets_enc').nullable()
      table.boolean('sandbox').notNullable().defaultTo(false)
      table.timestamp('last_test_at', { useTz: true }).nullable()
      table.string('last_test_result', 300).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('platform_sessions', (table) => {
      table.string('id', 36).primary()
      table.string('integration_id', 36).notNullable()
      /** login | sign | seal_sign | encrypt | decrypt */
      table.string('kind', 20).notNullable()
      /** platform code (11) + id: the TId of the QR */
      table.string('tid', 64).notNullable().unique()
      /** created | scanned | done | refused | aborted | expired */
      table.string('state', 20).notNullable()
      table.text('request').nullable()
      table.text('result').nullable()
      table.string('error', 300).nullable()
      table.string('user_id', 36).nullable()
      table.string('certificate_id', 36).nullable()
      table.string('certificate_serial', 64).nullable()
      table.timestamp('open_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('scanned_at', { useTz: true }).nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['integration_id', 'created_at'])
      table.index(['user_id', 'created_at'])
    })

    this.schema.createTable('platform_nonces', (table) => {
      table.string('integration_id', 36).notNullable()
      table.string('nonce', 64).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['integration_id', 'nonce'])
      table.index(['created_at'])
    })

    this.schema.createTable('platform_calls', (table) => {
      table.string('id', 36).primary()
      table.string('integration_id', 36).nullable()
      table.string('app_id', 40).nullable()
      table.string('method', 10).notNullable()
      table.string('path', 300).notNullable()
      table.integer('status').notNullable()
      table.string('outcome', 200).nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['integration_id', 'created_at'])
    })

    this.schema.createTable('platform_webhooks', (table) => {
      table.string('id', 36).primary()
      table.string('integration_id', 36).notNullable()
      table.string('session_id', 36).nullable()
      table.string('event', 40).notNullable()
      table.string('url', 500).notNullable()
      table.text('body').notNullable()
      /** pending | delivered | failed */
      table.string('state', 20).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('last_status').nullable()
      table.string('last_error', 300).nullable()
      table.timestamp('delivered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['integration_id', 'created_at'])
    })

    this.schema.createTable('platform_accounts', (table) => {
      table.string('id', 36).primary()
      table.string('integration_id', 36).notNullable()
      table.string('user_id', 36).notNullable()
      /** the opaque id the platform knows the holder by */
      table.string('open_id', 64).notNullable().unique()
      /** 主体注册: the account name on the platform (procurement sites) */
      table.string('account_name', 100).nullable()
      table.string('certificate_id', 36).nullable()
      table.timestamp('bound_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['integration_id', 'user_id'])
    })

    this.schema.createTable('platform_tasks', (table) => {
      table.string('id', 36).primary()
      table.string('integration_id', 36).notNullable()
      table.string('user_id', 36).notNullable()
      table.string('title', 200).notNullable()
      /** SHA-256 of the document to sign (hex) */
      table.string('hash', 64).notNullable()
      /** pending | signed | refused */
      table.string('state', 20).notNullable()
      table.string('reason', 300).nullable()
      table.text('result').nullable()
      table.timestamp('done_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id', 'state'])
    })
  }

  async down() {
    for (const t of [
      'platform_tasks',
      'platform_accounts',
      'platform_webhooks',
      'platform_calls',
      'platform_nonces',
      'platform_sessions',
      'platform_integrations',
    ])
      this.schema.dropTable(t)
  }
}
