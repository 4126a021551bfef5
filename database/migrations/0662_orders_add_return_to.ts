import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Where the applicant goes back to once the order is done (issue 15: a
 * trading platform opened during a scan returns to the same scan page):
 * a path inside this site and the button's words. Null for most orders.
 */
export default class extends BaseSchema {
  protected tableName = 'orders'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('return_to', 300).nullable()
      table.string('return_label', 50).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('return_to')
      table.dropColumn('return_label')
    })
  }
}
