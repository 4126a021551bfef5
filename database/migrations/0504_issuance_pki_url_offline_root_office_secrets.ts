import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Standards findings of issue 9 (items 11, 13, 14):
 *
 * - pki_base_url: the base of the CRL, OCSP and CA-issuer URLs, stored
 *   with the CA at ca:init (never again taken from the environment of
 *   the process that issues). Existing CAs get the base their issuing CA
 *   certificate already names (its CRL distribution point), so nothing
 *   issued from now on disagrees with what was issued before.
 * - key_offline + a nullable encrypted_key: a root whose key is kept in
 *   an encrypted file off the server; presigned_ocsp: the responses the
 *   offline root signed about the CA below it (JSON).
 * - issuance_secrets: the office's own symmetric secrets, sealed under
 *   CA_PASSPHRASE like the CA keys: the key that wraps cloud-certificate
 *   data keys (no longer the issuing CA's RSA key) and the key of the
 *   subject ID hash.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('certificate_authorities', (table) => {
      table.string('pki_base_url', 255).nullable()
      table.boolean('key_offline').notNullable().defaultTo(false)
      table.text('presigned_ocsp').nullable()
    })
    this.schema.alterTable('certificate_authorities', (table) => {
      table.text('encrypted_key').nullable().alter()
    })

    this.schema.createTable('issuance_secrets', (table) => {
      table.string('id', 36).primary()
      table.string('purpose', 32).notNullable()
      table.integer('version').notNullable()
      table.text('sealed').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['purpose', 'version'])
    })

    this.defer(async (db) => {
      const rows = await db.from('certificate_authorities').select('id', 'certificate')
      if (rows.length === 0) return
      let base: string | null = null
      for (const row of rows) {
        const text = Buffer.from(String(row.certificate), 'base64').toString('latin1')
        const match = text.match(/(https?:\/\/[\x21-\x7e]+?)\/crl\/[0-9a-f-]{36}\.crl/)
        if (match) base = match[1]
      }
      base ??= (process.env.PKI_BASE_URL || `${process.env.APP_URL ?? ''}/pki`).replace(/\/+$/, '')
      await db.from('certificate_authorities').update({ pki_base_url: base })
    })
  }

  async down() {
    this.schema.dropTable('issuance_secrets')
    this.schema.alterTable('certificate_authorities', (table) => {
      table.dropColumn('pki_base_url')
      table.dropColumn('key_offline')
      table.dropColumn('presigned_ocsp')
    })
  }
}
