import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A certificate issued for an organisation's order belongs to the org: its
 * admins and its 经办人 (while still a member) see it in 我的证书.
 */
export default class extends BaseSchema {
  protected tableName = 'certificates'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('org_id', 36).nullable()
      table.index(['org_id'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['org_id'])
      table.dropColumn('org_id')
    })
  }
}
