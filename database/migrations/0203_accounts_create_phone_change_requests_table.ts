import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 手机号变更申请 when the old phone is lost: the new phone (verified by
 * SMS), the ID number typed by the applicant, a photo of the ID document
 * (private storage) and the reason; staff approve or reject.
 */
export default class extends BaseSchema {
  protected tableName = 'phone_change_requests'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      /** 19-digit request number shown to users and staff */
      table.string('request_no', 19).notNullable().unique()
      table
        .string('user_id', 36)
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      /** account (signed in) | guest (from the forgot-password page) */
      table.string('source', 10).notNullable()
      table.string('old_phone', 20).notNullable()
      table.string('new_phone', 20).notNullable()
      table.string('id_number', 40).notNullable()
      table.string('reason', 500).notNullable()
      table.string('photo_key', 255).notNullable()
      table.string('photo_type', 10).notNullable()
      table.integer('photo_size').notNullable()
      /** pending | approved | rejected | cancelled */
      table.string('status', 20).notNullable().defaultTo('pending')
      table.string('review_reason', 500).nullable()
      table.string('reviewed_by_id', 36).nullable()
      table.string('reviewed_by_name', 100).nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'created_at'])
      table.index(['user_id', 'created_at'])
      table.index(['new_phone'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
