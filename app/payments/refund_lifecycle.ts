import { SHARED_STATES, defineLifecycle } from '#core/lifecycle'

/**
 * 退费 (a refund of a paid order):
 *  - requested 待审核 → approve → processing 退款中 (the gateway is asked) | reject → rejected 已驳回 (with the reason);
 *  - processing → succeed → refunded 已退款 (the gateway said so, or finance recorded the bank transfer)
 *    | fail → failed 退款失败 (with the gateway's reason; finance may retry → processing).
 * The order shows 退款中 from the request until it ends, 已退款 after, and
 * goes back to 已支付 when the refund is rejected or fails.
 */
export const refundLifecycle = defineLifecycle({
  name: 'payments.refund',
  subject: 'refund',
  noun: '退款',
  states: {
    requested: SHARED_STATES.awaitingReview,
    processing: { label: '退款中', tone: 'info' },
    refunded: { label: '已退款', tone: 'success' },
    rejected: SHARED_STATES.rejected,
    failed: { label: '退款失败', tone: 'danger' },
  },
  events: {
    approve: { label: '审核通过', transitions: [['requested', 'processing']] },
    reject: { label: '驳回', transitions: [['requested', 'rejected']] },
    succeed: { label: '记为已退款', transitions: [['processing', 'refunded']] },
    fail: { label: '记为退款失败', transitions: [['processing', 'failed']] },
    retry: { label: '重新退款', transitions: [['failed', 'processing']] },
  },
  auditActions: {
    'payments.refund.request': '申请退费',
    'payments.refund.notify_refused': '拒绝退款通知',
    'payments.refund.effects': '退款后续处理',
    'payments.books.statement_import': '导入对账单',
  },
})

export type RefundStatus = keyof typeof refundLifecycle.states
export type RefundEvent = keyof typeof refundLifecycle.events

/** a refund that is still open: the order cannot take another */
export const OPEN_REFUND_STATUSES: readonly RefundStatus[] = ['requested', 'processing', 'failed']
