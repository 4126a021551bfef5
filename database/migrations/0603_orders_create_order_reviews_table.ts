import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every review decision on an order (a rejected order may be reviewed
 * several times).
 */
export default class extends BaseSchema {
  protected tableName = 'order_reviews'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table
        .string('order_id', 36)
        .notNullable()
        .references('id')
        .inTable('orders')
        .onDelete('CASCADE')
      table.string('staff_id', 36).notNullable()
      table.string('staff_name', 50).notNullable()
      /** approve | reject */
      table.string('decision', 10).notNullable()
      table.string('reason_type', 30).nullable()
      table.string('reason', 500).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['order_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
