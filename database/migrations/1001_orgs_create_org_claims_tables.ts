import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 认领: a person claims an organisation with its licence and one of the
 * verification methods (legal representative's phone, corporate account
 * micro-deposit, CA review of the licence and 授权委托书). The sandbox
 * bank's outbox keeps the 0.01 transfers (with their memo codes) for staff.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('org_claims', (table) => {
      table.string('id', 36).primary()
      table.string('request_no', 19).notNullable().unique()
      table.string('org_id', 36).notNullable().references('id').inTable('orgs').onDelete('CASCADE')
      table
        .string('user_id', 36)
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      /** phone | deposit | review */
      table.string('method', 20).notNullable()
      /** verifying | passed | failed | pending | approved | rejected | cancelled */
      table.string('status', 20).notNullable()
      /** what the claimant declared */
      table.string('org_name', 200).notNullable()
      table.string('uscc', 18).notNullable()
      table.string('kind', 20).notNullable()
      table.string('region_code', 12).nullable()
      table.string('legal_rep_name', 100).notNullable()
      table.string('legal_rep_id_type', 30).notNullable()
      table.string('legal_rep_id_number', 40).notNullable()
      table.string('legal_rep_phone', 20).notNullable()
      table.string('licence_key', 300).notNullable()
      table.string('licence_type', 10).notNullable()
      /** 授权委托书 (review) */
      table.string('letter_key', 300).nullable()
      table.string('letter_type', 10).nullable()
      /** micro-deposit: the account, the memo code (hashed), its expiry and tries */
      table.string('bank_name', 100).nullable()
      table.string('bank_account', 40).nullable()
      table.string('deposit_code_hash', 128).nullable()
      table.timestamp('deposit_expires_at', { useTz: true }).nullable()
      table.integer('deposit_tries').notNullable().defaultTo(0)
      /** why an automatic check failed */
      table.string('failure', 300).nullable()
      /** the real-name check of the legal representative's phone (accounts) */
      table.string('check_id', 36).nullable()
      /** the manual review that followed this failed check */
      table.string('followed_by_id', 36).nullable()
      table.string('review_reason', 500).nullable()
      table.string('review_reason_type', 40).nullable()
      table.string('reviewed_by_id', 36).nullable()
      table.string('reviewed_by_name', 100).nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'created_at'])
      table.index(['user_id', 'created_at'])
      table.index(['org_id'])
    })

    this.schema.createTable('org_bank_transfers', (table) => {
      table.string('id', 36).primary()
      table.string('claim_id', 36).notNullable()
      table.string('bank_name', 100).notNullable()
      table.string('bank_account', 40).notNullable()
      table.string('payee_name', 200).notNullable()
      table.integer('amount_fen').notNullable()
      /** the memo (附言) the payee reads on their statement */
      table.string('memo', 100).notNullable()
      /** sandbox | http */
      table.string('driver', 20).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable('org_bank_transfers')
    this.schema.dropTable('org_claims')
  }
}
