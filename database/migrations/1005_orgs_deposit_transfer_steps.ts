import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 对公打款 in steps: a transfer is recorded (待打款, with its own reference)
 * in the claim's transaction, sent to the bank outside it (the reference
 * is the bank's idempotency key), and its answer recorded afterwards.
 * Transfers made before this change were sent when they were recorded.
 */
export default class extends BaseSchema {
  protected tableName = 'org_bank_transfers'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      /** the transfer's reference: the bank's requestId (paid once per reference) */
      table.string('reference', 32).nullable().unique()
      /** pending | sent | refused (orgs.deposit lifecycle) */
      table.string('status', 20).notNullable().defaultTo('sent')
      /** calls that did not reach the bank's answer (retried by orgs.send_deposit) */
      table.integer('attempts').notNullable().defaultTo(0)
      table.string('last_error', 300).nullable()
      /** the bank's id of the transfer it made */
      table.string('bank_transfer_id', 64).nullable()
      table.timestamp('sent_at', { useTz: true }).nullable()
      table.unique(['claim_id'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropUnique(['claim_id'])
      table.dropUnique(['reference'])
      table.dropColumn('reference')
      table.dropColumn('status')
      table.dropColumn('attempts')
      table.dropColumn('last_error')
      table.dropColumn('bank_transfer_id')
      table.dropColumn('sent_at')
    })
  }
}
