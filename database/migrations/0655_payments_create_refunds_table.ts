import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 退费: a refund of a paid order, through the gateway the money came from
 * (or recorded by finance as an outgoing bank transfer with a voucher).
 * `refund_no` is the merchant refund number sent to the gateway (its
 * idempotency key); `effects_done_at` marks that what follows a refund
 * (the order's state, the red-letter invoice, a revocation) has run.
 */
export default class extends BaseSchema {
  protected tableName = 'refunds'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('refund_no', 32).notNullable().unique()
      table.string('payment_id', 36).notNullable()
      table.string('order_no', 19).notNullable()
      table.string('user_id', 36).notNullable()
      table.string('method', 20).notNullable()
      table.integer('amount_fen').notNullable()
      table.integer('paid_fen').notNullable()
      table.string('reason', 200).notNullable()
      table.string('note', 500).nullable()
      table.string('status', 20).notNullable()
      table.string('reject_reason', 200).nullable()
      table.string('gateway_refund_id', 64).nullable()
      table.text('gateway_data').nullable()
      table.string('voucher_key', 200).nullable()
      table.string('bank_reference', 64).nullable()
      table.string('reviewer_id', 36).nullable()
      table.string('reviewer_name', 50).nullable()
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('refunded_at', { useTz: true }).nullable()
      table.timestamp('effects_done_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['order_no'])
      table.index(['status', 'created_at'])
      table.index(['method', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
