import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 导入对账单: each imported gateway statement (its day, gateway, counts, who
 * imported it) and its lines — every payment and refund of the statement
 * and of ours that day, with the result of the comparison — so that an
 * import can be listed and looked at again.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('statement_imports', (table) => {
      table.string('id', 36).primary()
      table.string('gateway', 20).notNullable()
      table.string('statement_date', 10).notNullable()
      table.string('file_name', 200).nullable()
      table.integer('statement_count').notNullable()
      table.integer('statement_refund_count').notNullable()
      table.integer('our_count').notNullable()
      table.integer('our_refund_count').notNullable()
      table.integer('matched').notNullable()
      table.integer('mismatch_count').notNullable()
      table.string('staff_id', 36).nullable()
      table.string('staff_name', 100).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['statement_date'])
    })
    this.schema.createTable('statement_lines', (table) => {
      table.string('id', 36).primary()
      table.string('import_id', 36).notNullable()
      table.string('line', 10).notNullable()
      table.string('result', 20).notNullable()
      table.string('out_trade_no', 64).notNullable()
      table.string('refund_no', 64).nullable()
      table.string('order_no', 19).nullable()
      table.bigInteger('ours_fen').nullable()
      table.bigInteger('theirs_fen').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['import_id'])
    })
  }

  async down() {
    this.schema.dropTable('statement_lines')
    this.schema.dropTable('statement_imports')
  }
}
