import { ReviewQueuePolicy } from '#core/staff'

/**
 * Manual real-name reviews: reviewers (and super admins) only.
 */
export default class RealNameReviewPolicy extends ReviewQueuePolicy {}
