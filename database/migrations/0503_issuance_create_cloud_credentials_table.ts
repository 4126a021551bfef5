import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Cloud certificates: the key pair(s) CertDesk keeps for a holder.
 *
 * cloud_credentials: both private keys sealed under a random data key;
 * the data key wrapped under the holder's PIN (scrypt + server pepper)
 * and, like a uKey's SO PIN, under the issuing CA's key for PIN unlock.
 *
 * archived_keys: every encryption private key, wrapped under the issuing
 * CA's public key (RSA-OAEP + AES-256-GCM), kept after the credential is
 * gone so that old envelopes (bid files) can still be opened.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('cloud_credentials', (table) => {
      table.string('id', 36).primary()
      table.string('status', 12).notNullable()
      table.string('sign_serial', 40).nullable()
      table.string('enc_serial', 40).nullable()
      table.string('reference', 64).nullable()
      table.text('key_box').nullable()
      table.text('pin_wrap').nullable()
      table.text('ca_wrap').nullable()
      table.integer('pin_failures').notNullable().defaultTo(0)
      table.timestamp('locked_at', { useTz: true }).nullable()
      table.boolean('pin_is_initial').notNullable().defaultTo(true)
      table.timestamp('pin_changed_at', { useTz: true }).nullable()
      table.timestamp('destroyed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['sign_serial'])
      table.index(['enc_serial'])
    })

    this.schema.createTable('archived_keys', (table) => {
      table.string('id', 36).primary()
      table.string('serial', 40).notNullable().unique()
      table.string('ca_id', 36).notNullable()
      table.string('credential_id', 36).nullable()
      table.text('wrapped').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('archived_keys')
    this.schema.dropTable('cloud_credentials')
  }
}
