import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The 驳回类型 of a staff decision (the one review workflow, #core/review)
 * on the three account reviews: 账号申诉, 手机号变更申请, 实名认证 (manual).
 */
const TABLES = ['account_appeals', 'phone_change_requests', 'real_name_requests']

export default class extends BaseSchema {
  async up() {
    for (const table of TABLES) {
      this.schema.alterTable(table, (t) => {
        t.string('review_reason_type', 40).nullable()
      })
    }
  }

  async down() {
    for (const table of TABLES) {
      this.schema.alterTable(table, (t) => {
        t.dropColumn('review_reason_type')
      })
    }
  }
}
