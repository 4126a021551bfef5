import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The CA hierarchy (root and issuing CAs) and the CRLs each CA published.
 * CA private keys are stored encrypted (AES-256-GCM under a key derived
 * with scrypt from CA_PASSPHRASE); certificates and CRLs as base64 DER.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('certificate_authorities', (table) => {
      table.string('id', 36).primary()
      table.string('kind', 10).notNullable()
      table.string('parent_id', 36).nullable()
      table.string('common_name', 128).notNullable()
      table.text('subject_dn').notNullable()
      table.string('serial', 40).notNullable().unique()
      table.text('certificate').notNullable()
      table.string('key_algorithm', 10).notNullable()
      table.integer('key_bits').notNullable()
      table.text('encrypted_key').notNullable()
      table.string('key_identifier', 40).notNullable()
      table.string('sha256_fingerprint', 64).notNullable()
      table.string('sha1_fingerprint', 40).notNullable()
      table.timestamp('not_before', { useTz: true }).notNullable()
      table.timestamp('not_after', { useTz: true }).notNullable()
      table.boolean('is_current').notNullable().defaultTo(true)
      table.bigInteger('crl_number').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['kind', 'is_current'])
    })

    this.schema.createTable('certificate_revocation_lists', (table) => {
      table.string('id', 36).primary()
      table.string('ca_id', 36).notNullable()
      table.bigInteger('crl_number').notNullable()
      table.timestamp('this_update', { useTz: true }).notNullable()
      table.timestamp('next_update', { useTz: true }).notNullable()
      table.integer('entries').notNullable()
      table.text('der').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['ca_id', 'crl_number'])
    })
  }

  async down() {
    this.schema.dropTable('certificate_revocation_lists')
    this.schema.dropTable('certificate_authorities')
  }
}
