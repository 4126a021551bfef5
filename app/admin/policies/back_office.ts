import { BasePolicy } from '@adonisjs/bouncer'
import Staff, { type StaffRole } from '#admin/models/staff'

/**
 * Helpers for back-office policies (any module's `policies/*_policy.ts`).
 *
 * The actor Bouncer hands to a policy is whoever the route authenticated:
 * a `Staff` on /admin pages (middleware.staff()), a `User` on applicant
 * pages, or null. A back-office rule must first make sure it is looking at
 * an active staff member; these helpers do that once.
 *
 *   import { BackOfficePolicy } from '#admin/policies/back_office'
 *   export default class OrderReviewPolicy extends BackOfficePolicy {
 *     review(actor: unknown) { return this.hasRole(actor, 'reviewer') }
 *   }
 *
 * (This file is not named *_policy.ts, so it is not in the policies barrel.)
 */
export function activeStaff(actor: unknown): Staff | null {
  return actor instanceof Staff && actor.isActive ? actor : null
}

/**
 * True for an active staff member holding one of the roles (super admins
 * hold every role).
 */
export function staffHasRole(actor: unknown, ...roles: StaffRole[]): boolean {
  const staff = activeStaff(actor)
  return Boolean(staff && staff.hasRole(...roles))
}

export abstract class BackOfficePolicy extends BasePolicy {
  protected staff(actor: unknown): Staff | null {
    return activeStaff(actor)
  }

  protected hasRole(actor: unknown, ...roles: StaffRole[]): boolean {
    return staffHasRole(actor, ...roles)
  }

  protected isSuperAdmin(actor: unknown): boolean {
    return Boolean(activeStaff(actor)?.isSuperAdmin)
  }
}
