import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 交易平台: the tenants whose certificates the office sells.
 */
export default class extends BaseSchema {
  protected tableName = 'trading_platforms'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.string('region_id', 36).notNullable().references('id').inTable('service_regions')
      /** active | inactive */
      table.string('status', 20).notNullable().defaultTo('active')
      table.text('description').nullable()
      table.string('website', 255).nullable()
      table.integer('sort_order').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['region_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
