import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One row per signed-in browser (登录设备); the session carries its id, and
 * a revoked row signs that browser out on its next request.
 */
export default class extends BaseSchema {
  protected tableName = 'user_devices'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table
        .string('user_id', 36)
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('label', 100).notNullable()
      table.string('user_agent', 255).nullable()
      table.string('ip', 64).nullable()
      table.string('login_method', 20).notNullable()
      table.timestamp('last_seen_at', { useTz: true }).notNullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id', 'revoked_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
