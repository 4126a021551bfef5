import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Payment attempts of orders (orders/payments). One order may have several
 * attempts (another method, an expired QR code), but at most one is paid:
 * `paid_order_no` is set only on the paid attempt and is unique, so the
 * database itself refuses a second payment of the same order.
 */
export default class extends BaseSchema {
  protected tableName = 'payments'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('order_no', 19).notNullable()
      /** the applicant who owns the order (users.id, no foreign key: accounts module) */
      table.string('user_id', 36).notNullable()
      /** sandbox | wechatpay | alipay | bank_transfer */
      table.string('method', 20).notNullable()
      /** pending | submitted | rejected | paid | failed | closed | duplicate */
      table.string('status', 20).notNullable()
      table.integer('amount_fen').notNullable()
      table.string('subject', 128).notNullable()
      /** our trade number at the gateway (out_trade_no), 19 digits */
      table.string('out_trade_no', 32).notNullable().unique()
      /** what the QR code encodes (weixin://…, https://qr.alipay.com/…, sandbox URL) */
      table.text('code_url').nullable()
      /** the gateway's transaction id, or the bank reference for transfers */
      table.string('transaction_id', 64).nullable()
      /** = order_no once paid; unique: an order is never paid twice */
      table.string('paid_order_no', 19).nullable().unique()
      table.timestamp('paid_at', { useTz: true }).nullable()
      table.timestamp('expires_at', { useTz: true }).nullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.string('failure_reason', 500).nullable()
      /** JSON: what the gateway answered (order creation, notification, query) */
      table.text('gateway_data').nullable()
      table.timestamp('last_checked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['order_no', 'status'])
      table.index(['user_id', 'created_at'])
      table.index(['status', 'created_at'])
      table.index(['method', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
