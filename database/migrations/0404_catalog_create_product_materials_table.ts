import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Materials a product requires (申请表, 身份证复印件, ...): accepted
 * types, size window in bytes, an optional template kept on the private
 * disk and served through a route.
 */
export default class extends BaseSchema {
  protected tableName = 'product_materials'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('product_id', 36).notNullable().references('id').inTable('products')
      table.string('name', 100).notNullable()
      table.text('description').nullable()
      /** JSON array of FILE_TYPES keys */
      table.text('accepted_types').notNullable()
      table.integer('min_size').nullable()
      table.integer('max_size').notNullable()
      table.boolean('is_required').notNullable().defaultTo(true)
      table.boolean('is_active').notNullable().defaultTo(true)
      table.string('template_key', 255).nullable()
      table.string('template_name', 200).nullable()
      table.string('template_type', 10).nullable()
      table.integer('template_size').nullable()
      table.integer('sort_order').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['product_id', 'sort_order'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
