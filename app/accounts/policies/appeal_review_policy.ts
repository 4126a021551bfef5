import { BackOfficePolicy } from '#core/staff'

/**
 * 账号申诉审核: reviewers and super admins see the queue and decide.
 */
export default class AppealReviewPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }

  review(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }
}
