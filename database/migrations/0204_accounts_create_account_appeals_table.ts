import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 账号申诉: a person whose account was deregistered asks for it back with
 * their ID number and real name (matched against the account) and a
 * contact phone verified by SMS; staff approve (the account is restored)
 * or reject.
 */
export default class extends BaseSchema {
  protected tableName = 'account_appeals'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('request_no', 19).notNullable().unique()
      table
        .string('user_id', 36)
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('real_name', 100).notNullable()
      table.string('id_number', 40).notNullable()
      table.string('contact_phone', 20).notNullable()
      table.text('description').notNullable()
      /** pending | approved | rejected */
      table.string('status', 20).notNullable().defaultTo('pending')
      table.string('review_reason', 500).nullable()
      table.string('reviewed_by_id', 36).nullable()
      table.string('reviewed_by_name', 100).nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      /** the login phone of the account after restoration */
      table.string('restored_phone', 20).nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'created_at'])
      table.index(['user_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
