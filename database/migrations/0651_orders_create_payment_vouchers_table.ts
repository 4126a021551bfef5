import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Remittance vouchers (汇款凭证) of bank-transfer payments: the uploaded
 * receipt with the payer's details, confirmed or returned by finance. A
 * returned voucher stays on record; the applicant uploads a new one.
 */
export default class extends BaseSchema {
  protected tableName = 'payment_vouchers'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table
        .string('payment_id', 36)
        .notNullable()
        .references('id')
        .inTable('payments')
        .onDelete('CASCADE')
      table.string('user_id', 36).notNullable()
      /** private storage key, never a public path */
      table.string('file_key', 255).notNullable()
      /** jpg | png | pdf (by content) */
      table.string('file_type', 10).notNullable()
      table.integer('file_size').notNullable()
      table.string('file_name', 255).nullable()
      table.string('payer_name', 100).notNullable()
      table.string('payer_account', 40).notNullable()
      table.integer('amount_fen').notNullable()
      /** yyyy-MM-dd as typed (a calendar date, no time zone) */
      table.string('transfer_date', 10).notNullable()
      /** 支付说明 */
      table.string('note', 500).nullable()
      /** submitted | confirmed | rejected */
      table.string('status', 20).notNullable()
      table.string('reviewer_id', 36).nullable()
      table.string('reviewer_name', 50).nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.string('reject_reason', 500).nullable()
      /** bank statement reference noted by finance on confirmation */
      table.string('bank_reference', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['payment_id', 'created_at'])
      table.index(['status', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
