import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Enterprise orders made while acting for an organisation (切换身份): the
 * org the certificate belongs to. Null for a person's order (and for the
 * older 机构 account type, whose subject is the account's own name and code).
 */
export default class extends BaseSchema {
  protected tableName = 'orders'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('org_id', 36).nullable()
      table.index(['org_id', 'medium'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['org_id', 'medium'])
      table.dropColumn('org_id')
    })
  }
}
