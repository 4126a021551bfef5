import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 解锁 records: the first unlock of a certificate needs an identity check,
 * later ones an SMS code (#certificates/service_rules unlockCheck counts
 * these rows). A uKey unlock records the challenge it answered.
 */
export default class extends BaseSchema {
  protected tableName = 'certificate_unlocks'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('certificate_id', 36).notNullable()
      table.string('user_id', 36).notNullable()
      /** identity | sms */
      table.string('method', 10).notNullable()
      /** cloud | ukey */
      table.string('medium', 10).notNullable()
      table.string('challenge', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['certificate_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
