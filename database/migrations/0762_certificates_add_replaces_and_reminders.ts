import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A renewed, changed or reissued certificate names the 我的证书 row it
 * replaces; expiry reminders are sent once per certificate and threshold
 * (the unique key makes a second sender's insert fail).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('certificates', (table) => {
      table.string('replaces_id', 36).nullable()
      table.string('service_type', 20).notNullable().defaultTo('new')
    })
    this.schema.createTable('certificate_reminders', (table) => {
      table.string('id', 36).primary()
      table.string('certificate_id', 36).notNullable()
      table.integer('threshold_days').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['certificate_id', 'threshold_days'])
    })
  }

  async down() {
    this.schema.dropTable('certificate_reminders')
    this.schema.alterTable('certificates', (table) => {
      table.dropColumn('replaces_id')
      table.dropColumn('service_type')
    })
  }
}
