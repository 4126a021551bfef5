import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Orders for every service type (新办, 更新, 变更, 补办, …). The product is
 * copied into the order when it is chosen, so later catalog edits never
 * change what was ordered.
 */
export default class extends BaseSchema {
  protected tableName = 'orders'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('order_no', 19).notNullable().unique()
      table.string('user_id', 36).notNullable()
      table.string('service_type', 20).notNullable()
      table.string('status', 30).notNullable()
      table.string('payment_status', 20).notNullable().defaultTo('unpaid')
      /** what the wizard has completed (draft orders) */
      table.string('wizard_step', 30).notNullable().defaultTo('product')

      table.string('platform_id', 36).notNullable()
      table.string('platform_name', 200).notNullable()
      table.string('product_id', 36).notNullable()
      table.text('product_snapshot').notNullable()
      table.string('cert_kind', 20).notNullable()
      table.string('medium', 10).notNullable()
      table.integer('years').notNullable()
      table.integer('list_price_fen').notNullable()
      table.integer('amount_fen').notNullable()
      table.string('price_note', 100).nullable()
      table.string('review_mode', 20).notNullable()
      table.timestamp('review_passed_at', { useTz: true }).nullable()

      /** person | org: whose name goes into the certificate */
      table.string('subject_type', 10).notNullable()
      table.string('subject_name', 200).notNullable()
      table.string('subject_id_type', 30).nullable()
      table.string('subject_id_number', 40).nullable()
      table.string('subject_org_name', 200).nullable()
      table.string('subject_uscc', 18).nullable()

      table.string('handler_name', 100).nullable()
      table.string('handler_phone', 20).nullable()
      table.string('handler_id_type', 30).nullable()
      table.string('handler_id_number', 40).nullable()
      table.timestamp('handler_phone_verified_at', { useTz: true }).nullable()
      table.string('handler_email', 254).nullable()

      table.string('agreement_version', 20).nullable()
      table.timestamp('agreed_at', { useTz: true }).nullable()

      table.string('delivery_method', 20).nullable()
      table.text('delivery').nullable()

      table.timestamp('submitted_at', { useTz: true }).nullable()
      table.timestamp('paid_at', { useTz: true }).nullable()
      table.string('payment_method', 20).nullable()
      table.string('payment_id', 36).nullable()

      table.integer('review_count').notNullable().defaultTo(0)
      table.string('reject_reason_type', 30).nullable()
      table.string('reject_reason', 500).nullable()
      table.timestamp('rejected_at', { useTz: true }).nullable()
      table.timestamp('approved_at', { useTz: true }).nullable()

      table.string('courier', 50).nullable()
      table.string('tracking_no', 50).nullable()
      table.timestamp('shipped_at', { useTz: true }).nullable()
      table.timestamp('received_at', { useTz: true }).nullable()
      table.timestamp('handed_over_at', { useTz: true }).nullable()
      table.string('handover_note', 200).nullable()

      table.timestamp('completed_at', { useTz: true }).nullable()
      table.timestamp('cancelled_at', { useTz: true }).nullable()
      table.string('cancel_reason', 200).nullable()

      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()

      table.index(['user_id', 'created_at'])
      table.index(['status', 'created_at'])
      table.index(['subject_name'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
