import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One verified account per identity document: two accounts verifying the
 * same ID number at the same moment can no longer both pass (deregistered
 * accounts do not count, as in the service's own check).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      `CREATE UNIQUE INDEX users_verified_document_unique ON users (real_id_type, real_id_number) WHERE real_name_status = 'verified' AND status <> 'deregistered'`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS users_verified_document_unique')
  }
}
