import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The invoice mail's failures: how many sends failed, the last error and
 * when (a job retries with backoff; 邮件发件箱 shows what waits).
 */
export default class extends BaseSchema {
  protected tableName = 'invoices'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.integer('mail_attempts').notNullable().defaultTo(0)
      table.string('mail_error', 300).nullable()
      table.timestamp('mail_failed_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('mail_attempts')
      table.dropColumn('mail_error')
      table.dropColumn('mail_failed_at')
    })
  }
}
