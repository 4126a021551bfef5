import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Named locks shared by every process and instance on the database
 * (#core/locks): "one at a time" for work such as issuing an order's
 * certificate. A lock is a row; it is taken by inserting it, given back
 * by deleting it, and a lock whose holder died is taken over once its
 * lease (expires_at, epoch ms) has run out.
 */
export default class extends BaseSchema {
  protected tableName = 'locks'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('key', 255).primary()
      table.string('owner', 64).notNullable()
      table.bigInteger('expires_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
