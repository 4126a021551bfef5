import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 取证地址 (pickup points) and 发货地址 (where mailed keys leave from).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('pickup_points', (table) => {
      table.string('id', 36).primary()
      table.string('region_id', 36).notNullable().references('id').inTable('service_regions')
      table.string('name', 100).notNullable()
      table.string('address', 255).notNullable()
      table.string('phone', 30).notNullable()
      table.string('hours', 100).notNullable()
      /** active | inactive */
      table.string('status', 20).notNullable().defaultTo('active')
      table.integer('sort_order').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['region_id', 'status'])
    })

    this.schema.createTable('shipping_origins', (table) => {
      table.string('id', 36).primary()
      /** null: used for every region without an origin of its own */
      table.string('region_id', 36).nullable().references('id').inTable('service_regions')
      table.string('name', 100).notNullable()
      table.string('contact', 50).notNullable()
      table.string('phone', 30).notNullable()
      table.string('address', 255).notNullable()
      table.string('courier', 50).nullable()
      /** active | inactive */
      table.string('status', 20).notNullable().defaultTo('active')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['region_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable('shipping_origins')
    this.schema.dropTable('pickup_points')
  }
}
