import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What members ask of their org's admins (审核管理): 加入企业, 用章权限
 * (kept for the seals issue), 退出企业; the admin approves or 退回 with a
 * 驳回类型 and a description.
 */
export default class extends BaseSchema {
  protected tableName = 'org_applications'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('request_no', 19).notNullable().unique()
      table.string('org_id', 36).notNullable().references('id').inTable('orgs').onDelete('CASCADE')
      table
        .string('user_id', 36)
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      /** join | seal | leave */
      table.string('type', 20).notNullable()
      table.string('reason', 500).nullable()
      /** pending | approved | rejected | cancelled */
      table.string('status', 20).notNullable().defaultTo('pending')
      table.string('review_reason', 500).nullable()
      table.string('review_reason_type', 40).nullable()
      table.string('reviewed_by_id', 36).nullable()
      table.string('reviewed_by_name', 100).nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['org_id', 'type', 'status'])
      table.index(['user_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
