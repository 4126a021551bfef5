import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 签署电子合同 submitted twice (a double click, a resend) signs once: the
 * form carries a one-time token, kept with the contract; one contract per
 * signer and token (null on contracts signed before it was asked).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('seal_contracts', (table) => {
      table.string('form_token', 36).nullable()
      table.unique(['user_id', 'form_token'])
    })
  }

  async down() {
    this.schema.alterTable('seal_contracts', (table) => {
      table.dropUnique(['user_id', 'form_token'])
      table.dropColumn('form_token')
    })
  }
}
