import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every real-name verification attempt: online checks through the
 * provider (passed / failed) and manual reviews (pending → approved /
 * rejected) with their ID photos.
 */
export default class extends BaseSchema {
  protected tableName = 'real_name_requests'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table
        .string('user_id', 36)
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      /** online | manual */
      table.string('method', 10).notNullable()
      table.string('id_type', 30).notNullable()
      table.string('name', 100).notNullable()
      table.string('id_number', 40).notNullable()
      table.string('front_key', 255).nullable()
      table.string('back_key', 255).nullable()
      /** passed | failed (online); pending | approved | rejected (manual) */
      table.string('status', 20).notNullable()
      table.string('provider', 20).nullable()
      table.string('result_message', 255).nullable()
      table.string('reviewer_id', 36).nullable()
      table.string('reviewer_name', 50).nullable()
      table.string('review_reason', 500).nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id', 'created_at'])
      table.index(['status', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
