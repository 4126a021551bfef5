import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 印章套餐 (issue 13): an org's quota of seals, granted by a paid seal
 * package order (电子印章套餐 of a platform's 印章机构) — how many seals it
 * pays for, how many were made, until when. Each org seal records the
 * package it took its use from (`seals.package_id`), so that a seal
 * refused in review gives the use back to that package.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('seal_packages', (table) => {
      table.string('id', 36).primary()
      table.string('org_id', 36).notNullable().index()
      /** the catalog's trading platform (a snapshot: seals do not read the catalog) */
      table.string('platform_id', 36).notNullable()
      table.string('platform_name', 100).notNullable()
      table.string('name', 100).notNullable()
      table.integer('total_seals').notNullable()
      table.integer('used_seals').notNullable().defaultTo(0)
      table.timestamp('expires_at', { useTz: true }).nullable()
      /** where it came from: 订单 <order no>, or 演示数据 */
      table.string('source', 100).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.alterTable('seals', (table) => {
      table.string('package_id', 36).nullable()
    })
  }

  async down() {
    this.schema.alterTable('seals', (table) => {
      table.dropColumn('package_id')
    })
    this.schema.dropTable('seal_packages')
  }
}
