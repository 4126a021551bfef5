import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('sms_messages', (table) => {
      table.string('id', 36).primary()
      table.string('phone', 20).notNullable()
      table.text('content').notNullable()
      table.string('purpose', 50).notNullable()
      table.string('driver', 20).notNullable()
      table.string('status', 20).notNullable()
      table.string('provider_message_id', 100).nullable()
      table.string('error', 500).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['phone', 'created_at'])
      table.index(['created_at'])
    })
    this.schema.createTable('verification_codes', (table) => {
      table.string('id', 36).primary()
      table.string('phone', 20).notNullable()
      table.string('purpose', 30).notNullable()
      table.string('code_hash', 64).notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.timestamp('consumed_at', { useTz: true }).nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['phone', 'purpose', 'consumed_at'])
    })
    this.schema.createTable('rate_limits', (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points', 9).notNullable().defaultTo(0)
      table.bigint('expire').unsigned()
    })
  }

  async down() {
    this.schema.dropTable('rate_limits')
    this.schema.dropTable('verification_codes')
    this.schema.dropTable('sms_messages')
  }
}
