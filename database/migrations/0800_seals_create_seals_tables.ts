import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Electronic seals (印章 and 手写签名), their staff reviews (新增 / 更换印章),
 * authorisations to org members (用章授权) and usage records (用章记录).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('seals', (table) => {
      table.string('id', 36).primary()
      /** GB/T 38540 印章编码 (19 digits) */
      table.string('code', 19).notNullable().unique()
      /** person | org */
      table.string('owner_type', 10).notNullable()
      table.string('owner_user_id', 36).nullable().index()
      table.string('org_id', 36).nullable().index()
      table.string('kind', 30).notNullable()
      table.string('name', 100).notNullable()
      /** template | photo | signature | auto */
      table.string('source', 20).notNullable()
      /** the template input (style, 环绕文字, 信息编码) */
      table.text('face').nullable()
      table.string('image_key', 200).notNullable()
      table.string('image_sha256', 64).notNullable()
      table.integer('image_width').notNullable()
      table.integer('image_height').notNullable()
      table.string('cert_serial', 64).nullable().index()
      table.string('cert_subject', 200).nullable()
      table.timestamp('valid_from', { useTz: true }).notNullable()
      table.timestamp('valid_to', { useTz: true }).notNullable()
      /** pending | active | rejected | revoked */
      table.string('status', 20).notNullable()
      /** GB/T 38540 seal data (canonical JSON) and the office's CMS signature over it */
      table.text('esl_data').notNullable()
      table.text('esl_signature').nullable()
      table.string('created_by_id', 36).nullable()
      table.string('revoke_reason', 500).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('seal_requests', (table) => {
      table.string('id', 36).primary()
      table.string('request_no', 19).notNullable().unique()
      table
        .string('seal_id', 36)
        .notNullable()
        .references('id')
        .inTable('seals')
        .onDelete('CASCADE')
      /** create | replace */
      table.string('type', 20).notNullable()
      table.string('user_id', 36).notNullable()
      table.string('reason', 500).nullable()
      /** replace: the new face */
      table.string('image_key', 200).nullable()
      table.string('image_sha256', 64).nullable()
      table.integer('image_width').nullable()
      table.integer('image_height').nullable()
      table.text('face').nullable()
      /** photo extraction: confidence and the reasons it went to review */
      table.text('extraction').nullable()
      table.string('status', 20).notNullable().defaultTo('pending')
      table.string('review_reason', 500).nullable()
      table.string('review_reason_type', 40).nullable()
      table.string('reviewed_by_id', 36).nullable()
      table.string('reviewed_by_name', 100).nullable()
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'created_at'])
    })

    this.schema.createTable('seal_grants', (table) => {
      table.string('id', 36).primary()
      table
        .string('seal_id', 36)
        .notNullable()
        .references('id')
        .inTable('seals')
        .onDelete('CASCADE')
      table.string('org_id', 36).notNullable()
      table.string('user_id', 36).notNullable()
      table.string('member_name', 100).notNullable()
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table.timestamp('ends_at', { useTz: true }).notNullable()
      /** active | withdrawn | lapsed */
      table.string('status', 20).notNullable()
      table.string('granted_by_id', 36).nullable()
      table.timestamp('withdrawn_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id', 'status'])
      table.index(['org_id', 'status'])
    })

    this.schema.createTable('seal_usages', (table) => {
      table.string('id', 36).primary()
      table
        .string('seal_id', 36)
        .notNullable()
        .references('id')
        .inTable('seals')
        .onDelete('CASCADE')
      table.string('org_id', 36).nullable().index()
      table.string('user_id', 36).notNullable().index()
      table.string('operator_name', 100).notNullable()
      table.string('resource_name', 200).notNullable()
      table.string('system_name', 100).notNullable()
      table.string('operation', 40).notNullable()
      table.timestamp('used_at', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('seal_usages')
    this.schema.dropTable('seal_grants')
    this.schema.dropTable('seal_requests')
    this.schema.dropTable('seals')
  }
}
