import { BackOfficePolicy } from '#core/staff'

/**
 * 通知公告, 操作指南, 下载专区: written by operators and super admins.
 */
export default class ContentPolicy extends BackOfficePolicy {
  manage(actor: unknown) {
    return this.hasRole(actor, 'operator')
  }
}
