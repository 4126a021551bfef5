import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 发票抬头: the title book of an owner (a person now, an org later: keyed
 * by owner kind + id), one default per owner; `is_system` marks the title
 * an org gets with its own name and credit code (cannot be deleted).
 */
export default class extends BaseSchema {
  protected tableName = 'invoice_titles'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('owner_kind', 10).notNullable()
      table.string('owner_id', 36).notNullable()
      table.string('title_type', 10).notNullable()
      table.string('name', 100).notNullable()
      table.string('tax_number', 20).nullable()
      table.string('email', 100).notNullable()
      table.string('phone', 30).nullable()
      table.string('address', 200).nullable()
      table.string('bank', 100).nullable()
      table.string('account', 40).nullable()
      table.boolean('is_default').notNullable().defaultTo(false)
      table.boolean('is_system').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['owner_kind', 'owner_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
