import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 法定代表人在线签署: a claim proven by the legal representative's
 * handwritten signature and SMS code, through a link only they receive.
 */
export default class extends BaseSchema {
  protected tableName = 'org_claims'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      /** the signing link's token (the SMS code to the legal representative is the proof) */
      table.string('sign_token', 64).nullable().unique()
      table.string('signature_key', 300).nullable()
      table.timestamp('signed_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropUnique(['sign_token'])
      table.dropColumn('sign_token')
      table.dropColumn('signature_key')
      table.dropColumn('signed_at')
    })
  }
}
