import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Staff of the CA office (back office, separate login at /admin).
 * roles: comma-separated list of super_admin, reviewer, operator, finance.
 */
export default class extends BaseSchema {
  protected tableName = 'staff'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('username', 50).notNullable().unique()
      table.string('name', 50).notNullable()
      table.string('phone', 20).nullable()
      table.string('password', 255).notNullable()
      table.string('roles', 200).notNullable()
      table.boolean('is_active').notNullable().defaultTo(true)
      table.boolean('must_change_password').notNullable().defaultTo(false)
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
