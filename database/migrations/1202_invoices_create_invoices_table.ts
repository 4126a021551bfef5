import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 发票: an invoice request and, once finance issued it, the invoice (its
 * number, the signed PDF, the link token). A red-letter reversal (红字) is
 * an invoice row of its own pointing at the original (`original_id`).
 * `invoice_orders` holds the orders an invoice covers: an order number is
 * unique there, so an order is invoiced once (a rejected request gives its
 * orders back by deleting its rows).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('invoices', (table) => {
      table.string('id', 36).primary()
      table.string('request_no', 19).notNullable().unique()
      table.string('user_id', 36).notNullable()
      table.string('owner_kind', 10).notNullable()
      table.string('owner_id', 36).notNullable()
      table.string('direction', 10).notNullable().defaultTo('blue')
      table.string('original_id', 36).nullable().unique()
      table.string('order_type', 20).notNullable()
      table.string('kind', 10).notNullable()
      table.text('title').notNullable()
      table.string('email', 100).notNullable()
      table.bigInteger('amount_fen').notNullable()
      table.bigInteger('tax_fen').notNullable()
      table.integer('tax_rate_bp').notNullable()
      table.string('status', 20).notNullable()
      table.string('provider', 20).nullable()
      table.string('number', 40).nullable().unique()
      table.timestamp('issued_at', { useTz: true }).nullable()
      table.string('reject_reason', 200).nullable()
      table.string('token', 64).notNullable().unique()
      table.string('pdf_key', 200).nullable()
      table.timestamp('emailed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['owner_kind', 'owner_id'])
      table.index(['status'])
    })
    this.schema.createTable('invoice_orders', (table) => {
      table.string('id', 36).primary()
      table.string('invoice_id', 36).notNullable()
      table.string('order_no', 19).notNullable().unique()
      table.string('product_name', 100).notNullable()
      table.bigInteger('amount_fen').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['invoice_id'])
    })
  }

  async down() {
    this.schema.dropTable('invoice_orders')
    this.schema.dropTable('invoices')
  }
}
