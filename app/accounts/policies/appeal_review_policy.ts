import { ReviewQueuePolicy } from '#core/staff'

/**
 * 账号申诉审核: reviewers and super admins see the queue and decide.
 */
export default class AppealReviewPolicy extends ReviewQueuePolicy {}
