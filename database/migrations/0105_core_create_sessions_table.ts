import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side sessions (#core/sessions/database_store): the cookie only
 * carries the session id, the data lives here, so that a logout, a
 * password change, a deactivation or 设备下线 ends a session at once on
 * every instance. Owner columns are copied from the data on each write,
 * so sessions can be ended by staff member, applicant or login device.
 * Times are epoch milliseconds (the same on SQLite and PostgreSQL).
 */
export default class extends BaseSchema {
  protected tableName = 'sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 64).primary()
      /** the framework's tag column (session.tag(userId)) */
      table.string('user_id', 64).nullable().index()
      table.string('staff_id', 64).nullable().index()
      table.string('applicant_id', 64).nullable().index()
      table.string('device_id', 64).nullable().index()
      table.text('data').notNullable()
      table.bigInteger('expires_at').notNullable().index()
      table.bigInteger('created_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
