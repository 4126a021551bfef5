import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 证书解绑: a certificate unbound from a trading platform's account so that
 * it can be bound again (the platforms module later tells the platform).
 */
export default class extends BaseSchema {
  protected tableName = 'certificate_unbindings'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('certificate_id', 36).notNullable()
      table.string('user_id', 36).notNullable()
      table.string('platform_name', 200).notNullable()
      table.string('platform_account', 100).notNullable()
      table.string('reason', 200).nullable()
      /** recorded | done (the platform confirmed) */
      table.string('status', 20).notNullable().defaultTo('recorded')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['certificate_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
