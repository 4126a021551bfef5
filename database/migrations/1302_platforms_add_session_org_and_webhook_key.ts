import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A scan made while acting for an org (切换身份) names the org, so that its
 * admins see their members' 扫码报告; a webhook that must go once (a
 * certificate issued for an order bound to the platform) carries a key the
 * unique index holds to one row per integration.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('platform_sessions', (table) => {
      table.string('org_id', 36).nullable()
      table.index(['org_id', 'created_at'])
    })
    this.schema.alterTable('platform_webhooks', (table) => {
      table.string('dedup_key', 100).nullable()
      table.unique(['integration_id', 'dedup_key'])
    })
  }

  async down() {
    this.schema.alterTable('platform_webhooks', (table) => {
      table.dropUnique(['integration_id', 'dedup_key'])
      table.dropColumn('dedup_key')
    })
    this.schema.alterTable('platform_sessions', (table) => {
      table.dropIndex(['org_id', 'created_at'])
      table.dropColumn('org_id')
    })
  }
}
