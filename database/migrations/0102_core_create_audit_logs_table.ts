import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Append-only audit log: each entry carries the hash of the previous one
 * (audit_chain keeps the head, locked while appending).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.bigInteger('seq').notNullable().unique()
      table.string('created_at', 30).notNullable()
      table.string('actor_type', 20).notNullable()
      table.string('actor_id', 64).nullable()
      table.string('actor_name', 100).nullable()
      table.string('action', 100).notNullable()
      table.string('subject_type', 50).nullable()
      table.string('subject_id', 64).nullable()
      table.text('data').nullable()
      table.string('ip', 64).nullable()
      table.string('user_agent', 255).nullable()
      table.string('prev_hash', 64).notNullable()
      table.string('hash', 64).notNullable()
      table.index(['actor_type', 'actor_id', 'created_at'])
      table.index(['subject_type', 'subject_id'])
      table.index(['action'])
      table.index(['created_at'])
    })
    this.schema.createTable('audit_chain', (table) => {
      table.integer('id').primary()
      table.bigInteger('last_seq').notNullable()
      table.string('last_hash', 64).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('audit_chain')
    this.schema.dropTable('audit_logs')
  }
}
