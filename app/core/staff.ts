import { BasePolicy } from '@adonisjs/bouncer'

/**
 * Who a back-office user is, as every module sees it. The staff table and
 * its pages belong to `admin`; the identity and the roles live here so
 * that any module's policies and reviews can check them without
 * depending on the back office.
 *
 * Roles are extensible: core declares the office's base roles, and a
 * module adds its own from its module file (`defineStaffRole('integrator',
 * '平台集成')`). Super admins hold every role.
 */
export interface StaffActor {
  readonly actorKind: 'staff'
  id: string
  username: string
  displayName: string
  isActive: boolean
  roles: string[]
  hasRole(...roles: string[]): boolean
}

/** who stamps a decision: id and the name shown in histories */
export interface Reviewer {
  id: string
  displayName: string
}

const roles = new Map<string, { label: string; description?: string }>()

export function defineStaffRole(key: string, label: string, description?: string) {
  roles.set(key, { label, description })
}

defineStaffRole('super_admin', '超级管理员', '全部权限，含工作人员管理、审计日志、业务目录')
defineStaffRole('reviewer', '审核员', '订单、实名认证、手机号变更和账号申诉审核')
defineStaffRole('operator', '制证/发货员', '制证、发货、自提，短信发件箱，通知公告与下载专区维护')
defineStaffRole('finance', '财务', '支付记录、转账凭证确认、退款与发票')

export function staffRoles(): Record<string, string> {
  return Object.fromEntries([...roles].map(([key, role]) => [key, role.label]))
}

export function staffRoleKeys(): string[] {
  return [...roles.keys()]
}

export function isStaffRole(value: unknown): value is string {
  return typeof value === 'string' && roles.has(value)
}

export function staffRoleLabel(key: string): string {
  return roles.get(key)?.label ?? key
}

export function staffRoleDescription(key: string): string {
  return roles.get(key)?.description ?? ''
}

export function isStaffActor(actor: unknown): actor is StaffActor {
  return (actor as StaffActor | null)?.actorKind === 'staff'
}

/**
 * The actor as an active staff member, or null (an applicant, a guest, a
 * deactivated account).
 */
export function activeStaff(actor: unknown): StaffActor | null {
  return isStaffActor(actor) && actor.isActive ? actor : null
}

/** an active staff member holding one of the roles (super admins hold all) */
export function staffHasRole(actor: unknown, ...wanted: string[]): boolean {
  const staff = activeStaff(actor)
  return Boolean(staff && staff.hasRole(...wanted))
}

export function reviewerOf(staff: StaffActor): Reviewer {
  return { id: staff.id, displayName: staff.displayName }
}

/**
 * Base class of back-office policies (any module's `policies/*_policy.ts`):
 *
 *   export default class OrderReviewPolicy extends BackOfficePolicy {
 *     review(actor: unknown) { return this.hasRole(actor, 'reviewer') }
 *   }
 */
export abstract class BackOfficePolicy extends BasePolicy {
  protected staff(actor: unknown): StaffActor | null {
    return activeStaff(actor)
  }

  protected hasRole(actor: unknown, ...wanted: string[]): boolean {
    return staffHasRole(actor, ...wanted)
  }

  protected isSuperAdmin(actor: unknown): boolean {
    return staffHasRole(actor, 'super_admin') && activeStaff(actor)!.roles.includes('super_admin')
  }
}

/**
 * The policy of a staff review queue (#core/http/review_pages): reviewers
 * (and super admins) see the queue and decide. A module's review policy
 * extends it (adding what else its pages need).
 */
export class ReviewQueuePolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }

  review(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }
}
