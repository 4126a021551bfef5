import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 服务区域: the office's own service regions (not the national list).
 */
export default class extends BaseSchema {
  protected tableName = 'service_regions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      /** active | inactive */
      table.string('status', 20).notNullable().defaultTo('active')
      table.integer('sort_order').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
