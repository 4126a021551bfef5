import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 是否开票 asked in the payment form: what the payer chose for an order
 * (the title of their book or their org's, 普票/专票). Once the payment
 * succeeds the invoice request is made in the payment's transaction and
 * `invoice_id` points at it; 否 deletes the row.
 */
export default class extends BaseSchema {
  protected tableName = 'invoice_intents'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('order_no', 19).notNullable().unique()
      table.string('user_id', 36).notNullable()
      table.string('owner_kind', 10).notNullable()
      table.string('owner_id', 36).notNullable()
      table.string('title_id', 36).notNullable()
      table.string('kind', 10).notNullable()
      table.string('invoice_id', 36).nullable()
      table.string('problem', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
