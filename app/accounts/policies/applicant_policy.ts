import { BackOfficePolicy } from '#core/staff'

/**
 * 申请人 (back office): every active staff member may look applicants up
 * (reviewers, operators at the pickup counter, finance checking a
 * payer); only super admins freeze or unfreeze an account.
 */
export default class ApplicantPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return Boolean(this.staff(actor))
  }

  changeStatus(actor: unknown) {
    return this.isSuperAdmin(actor)
  }
}
