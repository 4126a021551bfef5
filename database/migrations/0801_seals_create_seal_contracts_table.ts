import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The signed e-contracts (数字证书服务电子合同, manual 003 §3.2.1): the PDF
 * with the applicant's handwritten signature (and seal) and the office's
 * seal, signed by the office's CA (PAdES). And, on a 更换印章 request, the
 * new face's GB/T 38540 data signed by the office before the decision's
 * transaction (the signature is made outside any transaction).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('seal_contracts', (table) => {
      table.string('id', 36).primary()
      table.string('contract_no', 19).notNullable().unique()
      table.string('user_id', 36).notNullable().index()
      table.string('org_id', 36).nullable().index()
      /** 乙方: the person or the org */
      table.string('party_name', 200).notNullable()
      table.string('party_id_number', 40).nullable()
      /** 乙方办理人 */
      table.string('signer_name', 100).notNullable()
      table.string('version', 40).notNullable()
      /** the seal stamped as 乙方签章 (own or authorised), if any */
      table.string('seal_id', 36).nullable()
      table.string('signature_sha256', 64).notNullable()
      table.string('pdf_key', 200).notNullable()
      table.string('pdf_sha256', 64).notNullable()
      table.timestamp('signed_at', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.alterTable('seal_requests', (table) => {
      /** replace: the seal's data with the new face, and the office's signature over it */
      table.text('esl_data').nullable()
      table.text('esl_signature').nullable()
    })
  }

  async down() {
    this.schema.alterTable('seal_requests', (table) => {
      table.dropColumn('esl_data')
      table.dropColumn('esl_signature')
    })
    this.schema.dropTable('seal_contracts')
  }
}
