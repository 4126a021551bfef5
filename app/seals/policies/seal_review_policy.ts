import { BackOfficePolicy } from '#core/staff'

/**
 * 印章审核: reviewers (and super admins) see and decide.
 */
export default class SealReviewPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }

  review(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }
}
