import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 管理员移交 (数信签 §8.4 管理员转授): the admin role passes to another
 * member once the legal representative has signed the 转授授权书 — through
 * a one-time link on their own phone, or on the device when the admin is
 * the legal representative. The signature image is kept with the record.
 */
export default class extends BaseSchema {
  protected tableName = 'org_transfers'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('request_no', 19).notNullable().unique()
      table.string('org_id', 36).notNullable().references('id').inTable('orgs').onDelete('CASCADE')
      /** the admin who asked (their membership, and the member it passes to) */
      table.string('user_id', 36).notNullable()
      table.string('from_membership_id', 36).notNullable()
      table.string('to_membership_id', 36).notNullable()
      /** pending | signed | completed | cancelled | expired | failed */
      table.string('status', 20).notNullable()
      /** link (the legal representative's own phone) | device (the admin is the legal representative) */
      table.string('channel', 10).notNullable()
      /** the one-time link's token (null once used or ended) */
      table.string('sign_token', 64).nullable().unique()
      table.string('legal_rep_name', 100).nullable()
      table.string('legal_rep_phone', 20).notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      /** the legal representative's handwritten signature (private file) */
      table.string('signature_key', 300).nullable()
      table.string('signature_type', 10).nullable()
      table.timestamp('signed_at', { useTz: true }).nullable()
      table.timestamp('completed_at', { useTz: true }).nullable()
      table.string('failure', 300).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['org_id', 'created_at'])
      table.index(['status', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
