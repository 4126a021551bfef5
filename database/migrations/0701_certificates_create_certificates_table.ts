import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Certificates as their holders see them (我的证书): who holds it, which
 * order and platform it came from, and the serials the CA issued.
 * Status and validity come live from the issuance module.
 */
export default class extends BaseSchema {
  protected tableName = 'certificates'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('user_id', 36).notNullable()
      table.string('order_no', 19).notNullable()
      /** the signing certificate (cloud) or the uKey certificate */
      table.string('serial', 64).notNullable().unique()
      /** the encryption certificate of a cloud pair */
      table.string('enc_serial', 64).nullable()
      table.string('credential_id', 36).nullable()
      table.string('cert_kind', 20).notNullable()
      table.string('medium', 10).notNullable()
      table.string('platform_id', 36).notNullable()
      table.string('platform_name', 200).notNullable()
      table.string('product_name', 200).notNullable()
      table.string('subject_name', 200).notNullable()
      table.string('subject_id_number', 40).nullable()
      table.string('subject_org_name', 200).nullable()
      table.timestamp('not_before', { useTz: true }).notNullable()
      table.timestamp('not_after', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id', 'created_at'])
      table.index(['order_no'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
