import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Organisations (机构/企业), the people who belong to them (memberships:
 * 法定代表人, 管理员, 员工) and the history of claims and joins each
 * person sees as 历史关联.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('orgs', (table) => {
      table.string('id', 36).primary()
      table.string('name', 200).notNullable()
      /** 统一社会信用代码 (GB 32100), one org per code */
      table.string('uscc', 18).notNullable().unique()
      /** enterprise | institution (企业单位 / 事业单位) */
      table.string('kind', 20).notNullable().defaultTo('enterprise')
      table.string('legal_rep_name', 100).nullable()
      table.string('legal_rep_id_type', 30).nullable()
      table.string('legal_rep_id_number', 40).nullable()
      table.string('legal_rep_phone', 20).nullable()
      table.string('region_code', 12).nullable()
      /** the current business licence (private storage key) */
      table.string('licence_key', 300).nullable()
      table.string('licence_type', 10).nullable()
      /** unclaimed | claimed | deregistered */
      table.string('status', 20).notNullable().defaultTo('unclaimed')
      table.timestamp('claimed_at', { useTz: true }).nullable()
      /** pre-validation: a claim passed the CA's review of the licence */
      table.timestamp('validated_at', { useTz: true }).nullable()
      /** the org's name or legal representative changed: its certificates need 变更 */
      table.timestamp('changed_at', { useTz: true }).nullable()
      table.timestamp('deregistered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['name'])
      table.index(['status'])
    })

    this.schema.createTable('org_memberships', (table) => {
      table.string('id', 36).primary()
      table.string('org_id', 36).notNullable().references('id').inTable('orgs').onDelete('CASCADE')
      table
        .string('user_id', 36)
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      /** admin | member (管理员 / 员工) */
      table.string('role', 20).notNullable().defaultTo('member')
      /** the org's 法定代表人 */
      table.boolean('is_legal_rep').notNullable().defaultTo(false)
      /** active | left | removed */
      table.string('status', 20).notNullable().defaultTo('active')
      /** how they came: claim | join | added | transfer | seed */
      table.string('source', 20).notNullable()
      table.timestamp('joined_at', { useTz: true }).notNullable()
      table.timestamp('ended_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['org_id', 'status'])
      table.index(['user_id', 'status'])
    })

    this.schema.createTable('org_history', (table) => {
      table.string('id', 36).primary()
      table.string('org_id', 36).notNullable().references('id').inTable('orgs').onDelete('CASCADE')
      table.string('user_id', 36).nullable()
      /** claim | join | leave | remove | add | transfer | change | deregister | appeal | role */
      table.string('event', 30).notNullable()
      table.string('summary', 500).notNullable()
      table.string('actor_name', 100).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['org_id', 'created_at'])
      table.index(['user_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('org_history')
    this.schema.dropTable('org_memberships')
    this.schema.dropTable('orgs')
  }
}
