import { ReviewQueuePolicy } from '#core/staff'

/**
 * 机构认领审核, 机构变更/申诉审核 and the sandbox bank's outbox: reviewers
 * (and super admins) see and decide.
 */
export default class OrgReviewPolicy extends ReviewQueuePolicy {}
