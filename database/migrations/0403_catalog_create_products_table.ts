import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Products of a platform: certificates now, seal packages later (type +
 * JSON spec for the type's own settings). Prices in fen per validity
 * option, kept as JSON: [{ years, enabled, priceFen }].
 */
export default class extends BaseSchema {
  protected tableName = 'products'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('platform_id', 36).notNullable().references('id').inTable('trading_platforms')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      /** certificate | seal_package */
      table.string('type', 20).notNullable().defaultTo('certificate')
      /** personal | expert | enterprise (certificates) */
      table.string('cert_kind', 20).nullable()
      /** cloud | ukey (certificates) */
      table.string('medium', 20).nullable()
      table.string('ca_label', 100).notNullable()
      table.text('description').nullable()
      table.text('validity_options').notNullable()
      table.boolean('first_ukey_free').notNullable().defaultTo(false)
      /** after_payment (支付 → 待审核) | before_payment (资料审核通过 → 待支付) */
      table.string('review_mode', 20).notNullable().defaultTo('after_payment')
      table.integer('renewal_window_days').notNullable().defaultTo(90)
      /** JSON array of delivery method keys */
      table.text('delivery_methods').notNullable()
      /** JSON object: type-specific settings */
      table.text('spec').nullable()
      /** on_sale | off_sale */
      table.string('status', 20).notNullable().defaultTo('on_sale')
      table.integer('sort_order').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['platform_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
