import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 按量扣费 (中标一证通 §18): a platform may charge per scan; each scan is
 * counted against a package (套餐) of the person or org that scanned, its
 * remaining uses (套餐余量) shown on 我的交易平台.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('platform_integrations', (table) => {
      table.boolean('charge_per_use').notNullable().defaultTo(false)
    })
    this.schema.createTable('platform_packages', (table) => {
      table.string('id', 36).primary()
      table.string('integration_id', 36).notNullable()
      /** a person's package (user_id) or an org's (org_id) */
      table.string('user_id', 36).nullable()
      table.string('org_id', 36).nullable()
      table.string('name', 100).notNullable()
      table.integer('total_uses').notNullable()
      table.integer('used_uses').notNullable().defaultTo(0)
      table.timestamp('expires_at', { useTz: true }).nullable()
      /** where it came from: an order number, or 后台开通 */
      table.string('source', 100).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['integration_id', 'user_id'])
      table.index(['integration_id', 'org_id'])
    })
  }

  async down() {
    this.schema.dropTable('platform_packages')
    this.schema.alterTable('platform_integrations', (table) => {
      table.dropColumn('charge_per_use')
    })
  }
}
