import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The remaining real-name methods (人脸识别, 银行卡四要素, 运营商三要素)
 * on the same table as every other attempt. Each automatic check is a
 * row going pending → passed / failed (a face session may also expire);
 * `purpose` tells a verification of the account itself (real_name) from
 * a check another module asked for (e.g. a legal representative's phone
 * for an organisation claim), which never verifies the account.
 */
export default class extends BaseSchema {
  protected tableName = 'real_name_requests'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      /** real_name (this account's verification) | a module's purpose, e.g. orgs.claim */
      table.string('purpose', 40).notNullable().defaultTo('real_name')
      /** the asking module's own reference (e.g. a claim id) */
      table.string('reference', 64).nullable()
      /** the phone checked (运营商三要素, the card's reserved phone) */
      table.string('phone', 20).nullable()
      /** the bank card, masked (6222 **** **** 1234): the full number is never stored */
      table.string('bank_card', 30).nullable()
      /** the provider's session of a face check (its bizToken; the sandbox's page token) */
      table.string('provider_ref', 100).nullable()
      /** the provider's H5 page the phone opens (QR code or link) */
      table.string('h5_url', 1000).nullable()
      /** until when the face session's page may be used */
      table.timestamp('expires_at', { useTz: true }).nullable()
      /** when the check passed, failed or expired */
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.unique(['provider', 'provider_ref'])
      table.index(['user_id', 'method', 'status'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['user_id', 'method', 'status'])
      table.dropUnique(['provider', 'provider_ref'])
      for (const column of [
        'purpose',
        'reference',
        'phone',
        'bank_card',
        'provider_ref',
        'h5_url',
        'expires_at',
        'finished_at',
      ]) {
        table.dropColumn(column)
      }
    })
  }
}
