import { AuthorizationResponse } from '@adonisjs/bouncer'
import type Staff from '#admin/models/staff'
import { BackOfficePolicy } from '#core/staff'

/**
 * 工作人员管理: super admins only. Business rules that need the database
 * (the last active super admin) live in #admin/actions/staff_accounts.
 */
export default class StaffPolicy extends BackOfficePolicy {
  viewList(actor: unknown) {
    return this.isSuperAdmin(actor)
  }

  view(actor: unknown, _target: Staff) {
    return this.isSuperAdmin(actor)
  }

  create(actor: unknown) {
    return this.isSuperAdmin(actor)
  }

  update(actor: unknown, _target: Staff) {
    return this.isSuperAdmin(actor)
  }

  deactivate(actor: unknown, target: Staff) {
    if (!this.isSuperAdmin(actor)) return false
    if (this.staff(actor)!.id === target.id) {
      return AuthorizationResponse.deny('不能停用自己的账号', 403)
    }
    return true
  }

  activate(actor: unknown, _target: Staff) {
    return this.isSuperAdmin(actor)
  }

  resetPassword(actor: unknown, target: Staff) {
    if (!this.isSuperAdmin(actor)) return false
    if (this.staff(actor)!.id === target.id) {
      return AuthorizationResponse.deny('请在“修改密码”页面修改自己的密码', 403)
    }
    return true
  }
}
