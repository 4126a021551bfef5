import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 通知公告, 操作指南 and 下载专区, managed by staff, shown to applicants.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('notices', (table) => {
      table.string('id', 36).primary()
      table.string('title', 200).notNullable()
      table.text('body').notNullable()
      /** draft | published */
      table.string('status', 20).notNullable().defaultTo('draft')
      table.boolean('pinned').notNullable().defaultTo(false)
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'published_at'])
    })

    this.schema.createTable('guides', (table) => {
      table.string('id', 36).primary()
      table.string('title', 200).notNullable()
      table.string('category', 20).notNullable()
      table.text('body').notNullable()
      /** draft | published */
      table.string('status', 20).notNullable().defaultTo('draft')
      table.integer('sort_order').notNullable().defaultTo(0)
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'category'])
    })

    this.schema.createTable('downloads', (table) => {
      table.string('id', 36).primary()
      table.string('name', 100).notNullable()
      /** driver | control | template | manual */
      table.string('category', 20).notNullable()
      table.text('description').nullable()
      table.string('version', 50).nullable()
      table.string('file_key', 255).notNullable()
      table.string('file_name', 200).notNullable()
      table.string('file_type', 10).notNullable()
      table.integer('file_size').notNullable()
      table.integer('download_count').notNullable().defaultTo(0)
      /** draft | published */
      table.string('status', 20).notNullable().defaultTo('draft')
      table.integer('sort_order').notNullable().defaultTo(0)
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'category'])
    })
  }

  async down() {
    this.schema.dropTable('downloads')
    this.schema.dropTable('guides')
    this.schema.dropTable('notices')
  }
}
