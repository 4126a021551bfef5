import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 邮件发件箱: mail the sandbox keeps instead of sending (MAIL_DRIVER=outbox),
 * shown to staff. Attachments are listed by name and size, not kept.
 * (Numbered in the invoices block: invoices brought mail in.)
 */
export default class extends BaseSchema {
  protected tableName = 'mail_outbox'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table.string('to_address', 200).notNullable()
      table.string('from_address', 200).nullable()
      table.string('subject', 200).notNullable()
      table.text('text').nullable()
      table.text('attachments').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
