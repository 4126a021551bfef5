import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Orders for a certificate the applicant already holds (更新, 变更, 补办 and
 * their combinations): which certificate (我的证书 row and serial), the
 * service's own details (new validity shown before paying, the bid
 * warning accepted, the new phone of a reissue…), and whether the order
 * goes to 订单审核 at all (个人年检: payment completes it).
 */
export default class extends BaseSchema {
  protected tableName = 'orders'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('certificate_id', 36).nullable()
      table.string('certificate_serial', 64).nullable()
      table.text('service_details').nullable()
      table.boolean('review_required').notNullable().defaultTo(true)
      table.index(['certificate_id'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['certificate_id'])
      table.dropColumn('certificate_id')
      table.dropColumn('certificate_serial')
      table.dropColumn('service_details')
      table.dropColumn('review_required')
    })
  }
}
