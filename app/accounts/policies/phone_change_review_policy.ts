import { BackOfficePolicy } from '#core/staff'

/**
 * 手机号变更审核: reviewers and super admins see the queue (with the ID
 * photos) and decide.
 */
export default class PhoneChangeReviewPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }

  review(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }
}
