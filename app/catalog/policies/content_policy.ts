import { BasePolicy } from '@adonisjs/bouncer'
import type { AuthorizerResponse } from '@adonisjs/bouncer/types'
import { staffRoles } from './catalog_policy.js'

/**
 * 通知公告, 操作指南, 下载专区: written by operators and super admins.
 */
export default class ContentPolicy extends BasePolicy {
  manage(actor: unknown): AuthorizerResponse {
    const roles = staffRoles(actor)
    return Boolean(roles && (roles.includes('super_admin') || roles.includes('operator')))
  }
}
