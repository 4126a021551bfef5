import { BackOfficePolicy } from '#core/staff'

/**
 * 机构认领审核, 机构变更/申诉审核 and the sandbox bank's outbox: reviewers
 * (and super admins) see and decide.
 */
export default class OrgReviewPolicy extends BackOfficePolicy {
  view(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }

  review(actor: unknown) {
    return this.hasRole(actor, 'reviewer')
  }
}
