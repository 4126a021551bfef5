import { ReviewQueuePolicy } from '#core/staff'

/**
 * 印章审核: reviewers (and super admins) see and decide.
 */
export default class SealReviewPolicy extends ReviewQueuePolicy {}
