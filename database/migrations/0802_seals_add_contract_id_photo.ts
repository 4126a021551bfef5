import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 上传身份证件 (manual 003 §3.2.1): the signer's ID photo kept with the
 * signed contract (private storage). Null on contracts signed before it
 * was asked.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('seal_contracts', (table) => {
      table.string('id_photo_key', 200).nullable()
    })
  }

  async down() {
    this.schema.alterTable('seal_contracts', (table) => {
      table.dropColumn('id_photo_key')
    })
  }
}
