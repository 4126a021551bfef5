import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Applicant accounts (自然人 or 机构/企业).
 */
export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      /** person | org */
      table.string('account_type', 10).notNullable()
      table.string('name', 100).nullable()
      table.string('phone', 20).notNullable().unique()
      table.string('email', 254).nullable().unique()
      table.string('id_type', 30).nullable()
      table.string('id_number', 40).nullable()
      table.string('region_code', 12).nullable()
      table.string('org_name', 200).nullable()
      table.string('uscc', 18).nullable()
      table.string('legal_rep_name', 100).nullable()
      table.string('password', 255).nullable()
      /** active | deregistered | frozen */
      table.string('status', 20).notNullable().defaultTo('active')
      /** none | pending | verified */
      table.string('real_name_status', 20).notNullable().defaultTo('none')
      table.string('real_name', 100).nullable()
      table.string('real_id_type', 30).nullable()
      table.string('real_id_number', 40).nullable()
      table.string('real_name_method', 30).nullable()
      table.timestamp('real_name_verified_at', { useTz: true }).nullable()
      /** registered through SMS login without a password yet */
      table.boolean('password_set').notNullable().defaultTo(true)
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('deregistered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['id_number'])
      table.index(['uscc'])
      table.index(['real_id_number'])
      table.index(['status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
