import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The files an applicant uploaded for an order, one per required
 * material (a new upload replaces the old one).
 */
export default class extends BaseSchema {
  protected tableName = 'order_materials'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table
        .string('order_id', 36)
        .notNullable()
        .references('id')
        .inTable('orders')
        .onDelete('CASCADE')
      table.string('material_id', 36).notNullable()
      table.string('material_name', 100).notNullable()
      table.string('file_key', 255).notNullable()
      table.string('file_type', 10).notNullable()
      table.integer('file_size').notNullable()
      table.string('original_name', 255).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['order_id', 'material_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
