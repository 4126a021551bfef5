import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The applicant's address book (收件地址) with one default address.
 */
export default class extends BaseSchema {
  protected tableName = 'addresses'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('user_id', 36).notNullable()
      table.string('receiver', 50).notNullable()
      table.string('phone', 20).notNullable()
      table.string('region_code', 12).notNullable()
      table.string('detail', 200).notNullable()
      table.string('label', 20).nullable()
      table.boolean('is_default').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
