import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Every certificate the CA signed. The serial number (lower-case hex,
 * at least 64 random bits) is unique across the CA. Status: valid,
 * suspended (certificateHold, 冻结), revoked; "expired" is derived from
 * not_after.
 */
export default class extends BaseSchema {
  protected tableName = 'issued_certificates'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('serial', 40).notNullable().unique()
      table.string('issuer_id', 36).notNullable()
      table.string('profile', 20).notNullable()
      table.string('usage', 10).notNullable()
      table.string('key_source', 10).notNullable()
      table.string('credential_id', 36).nullable()
      table.text('subject_dn').notNullable()
      table.string('subject_name', 128).notNullable()
      table.string('subject_org', 128).nullable()
      table.string('subject_id_number', 40).notNullable()
      table.timestamp('not_before', { useTz: true }).notNullable()
      table.timestamp('not_after', { useTz: true }).notNullable()
      table.string('status', 12).notNullable()
      table.timestamp('status_changed_at', { useTz: true }).notNullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.string('revocation_reason', 30).nullable()
      table.string('reference', 64).nullable()
      table.string('replaces_serial', 40).nullable()
      table.string('public_key_sha256', 64).notNullable()
      table.integer('key_bits').notNullable()
      table.string('sha256_fingerprint', 64).notNullable()
      table.text('der').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['issuer_id', 'status'])
      table.index(['subject_name'])
      table.index(['subject_id_number'])
      table.index(['reference'])
      table.index(['credential_id'])
      table.index(['public_key_sha256'])
      table.index(['replaces_serial'])
      table.index(['not_after'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
