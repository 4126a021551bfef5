import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 证书授权: an org admin lets a member use one of the org's certificates
 * from starts_at to ends_at (exclusive); withdrawn by an admin.
 */
export default class extends BaseSchema {
  protected tableName = 'certificate_grants'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('certificate_id', 36).notNullable()
      table.string('org_id', 36).notNullable()
      table.string('user_id', 36).notNullable()
      table.string('member_name', 100).notNullable()
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table.timestamp('ends_at', { useTz: true }).notNullable()
      /** active | withdrawn */
      table.string('status', 20).notNullable().defaultTo('active')
      table.string('granted_by_id', 36).nullable()
      table.timestamp('withdrawn_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['certificate_id'])
      table.index(['user_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
