import { BackOfficePolicy } from '#core/staff'

/**
 * Manual real-name reviews: reviewers (and super admins) only.
 */
export default class RealNameReviewPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }

  review(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }
}
