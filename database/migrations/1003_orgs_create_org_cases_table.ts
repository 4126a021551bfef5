import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Cases of an organisation that staff review: 企业名称变更 / 法定代表人变更
 * (new licence and authorisation) and 机构申诉 (someone else claimed the
 * org: licence + appeal letter).
 */
export default class extends BaseSchema {
  protected tableName = 'org_cases'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('request_no', 19).notNullable().unique()
      table.string('org_id', 36).notNullable().references('id').inTable('orgs').onDelete('CASCADE')
      table
        .string('user_id', 36)
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      /** change_name | change_legal_rep | appeal */
      table.string('kind', 30).notNullable()
      table.string('new_name', 200).nullable()
      table.string('new_legal_rep_name', 100).nullable()
      table.string('new_legal_rep_id_type', 30).nullable()
      table.string('new_legal_rep_id_number', 40).nullable()
      table.string('new_legal_rep_phone', 20).nullable()
      table.string('licence_key', 300).notNullable()
      table.string('licence_type', 10).notNullable()
      /** 授权委托书 (change) or 申诉函 (appeal) */
      table.string('letter_key', 300).notNullable()
      table.string('letter_type', 10).notNullable()
      table.string('description', 500).nullable()
      table.string('status', 20).notNullable().defaultTo('pending')
      table.string('review_reason', 500).nullable()
      table.string('review_reason_type', 40).nullable()
      table.string('reviewed_by_id', 36).nullable()
      table.string('reviewed_by_name', 100).nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['kind', 'status', 'created_at'])
      table.index(['org_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
