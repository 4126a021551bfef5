/**
 * The state machine shared by the account reviews (手机号变更申请 and
 * 账号申诉): one place lists the allowed transitions; actions call
 * assertReviewTransition before changing a status, and every transition
 * is audited by the action that makes it.
 */
export const REVIEW_STATUSES = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  cancelled: '已撤回',
} as const

export type ReviewStatus = keyof typeof REVIEW_STATUSES

export const REVIEW_TONES: Record<ReviewStatus, string> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  cancelled: 'muted',
}

const TRANSITIONS: Record<ReviewStatus, readonly ReviewStatus[]> = {
  pending: ['approved', 'rejected', 'cancelled'],
  approved: [],
  rejected: [],
  cancelled: [],
}

export class ReviewStateError extends Error {
  constructor(message = '该申请已处理，不能重复操作') {
    super(message)
  }
}

export function canTransitionReview(from: ReviewStatus, to: ReviewStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false
}

export function assertReviewTransition(from: ReviewStatus, to: ReviewStatus) {
  if (!canTransitionReview(from, to)) {
    throw new ReviewStateError(
      from === 'pending' ? '不支持该操作' : `该申请${REVIEW_STATUSES[from]}，不能重复处理`
    )
  }
}
