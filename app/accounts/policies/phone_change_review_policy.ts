import { ReviewQueuePolicy } from '#core/staff'

/**
 * 手机号变更审核: reviewers and super admins see the queue (with the ID
 * photos) and decide.
 */
export default class PhoneChangeReviewPolicy extends ReviewQueuePolicy {}
