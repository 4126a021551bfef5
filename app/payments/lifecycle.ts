import { SHARED_STATES, defineLifecycle, endings } from '#core/lifecycle'

/**
 * The two machines of the payments module (#core/lifecycle):
 *
 * A payment attempt (支付):
 *  - pending → paid | failed | closed: QR payments (gateway result, expiry, another attempt);
 *    pending → submitted: a bank-transfer voucher was uploaded;
 *  - submitted → paid (finance confirms) | rejected (finance returns the voucher) | closed;
 *  - rejected → submitted (a new voucher) | closed;
 *  - failed / closed → paid: the gateway reports a success after all (the money arrived, so it
 *    is recorded);
 *  - → refund_due (已收款·待退款): money arrived that the order cannot take (already paid by
 *    another attempt, or the orders module refused it). Finance refunds it;
 *  - paid and refund_due are final (refunds come with the refunds feature).
 * The events keep the audit action names the log has always used
 * (`orders.payment.paid`, `….voucher_submit`, …): the payments table was
 * made by the orders module before payments became a module.
 *
 * A transfer voucher (汇款凭证): submitted → confirmed | rejected, decided
 * by finance together with the payment's transfer_confirm/transfer_reject,
 * whose audit entry (with the voucher's id) is the one record of that
 * decision.
 */
export const paymentLifecycle = defineLifecycle({
  name: 'orders.payment',
  subject: 'payment',
  noun: '支付',
  states: {
    pending: SHARED_STATES.awaitingPayment,
    submitted: { label: '待财务确认', tone: 'info' },
    rejected: { label: '凭证已退回', tone: 'danger' },
    paid: SHARED_STATES.paid,
    failed: { label: '支付失败', tone: 'danger' },
    closed: { label: '已关闭', tone: 'muted' },
    refund_due: { label: '已收款·待退款', tone: 'danger' },
  },
  events: {
    paid: {
      label: '记为已支付',
      auditLabel: '支付成功',
      transitions: [
        ['pending', 'paid'],
        ['failed', 'paid'],
        ['closed', 'paid'],
      ],
    },
    failed: { label: '记为支付失败', auditLabel: '支付失败', transitions: [['pending', 'failed']] },
    close: {
      label: '关闭',
      auditLabel: '关闭支付',
      transitions: [
        ['pending', 'closed'],
        ['submitted', 'closed'],
        ['rejected', 'closed'],
      ],
    },
    voucher_submit: {
      label: '提交汇款凭证',
      auditLabel: '提交汇款凭证',
      transitions: [
        ['pending', 'submitted'],
        ['rejected', 'submitted'],
      ],
    },
    transfer_confirm: {
      label: '确认到账',
      auditLabel: '确认汇款到账',
      transitions: [['submitted', 'paid']],
    },
    transfer_reject: {
      label: '退回汇款凭证',
      auditLabel: '退回汇款凭证',
      transitions: [['submitted', 'rejected']],
    },
    refund_due: {
      label: '记为待退款',
      auditLabel: '已收款·待退款',
      transitions: [
        ['pending', 'refund_due'],
        ['submitted', 'refund_due'],
        ['failed', 'refund_due'],
        ['closed', 'refund_due'],
      ],
    },
  },
  auditActions: {
    'orders.payment.create': '发起支付',
    'orders.payment.notify_refused': '拒绝支付通知',
  },
})

export type PaymentStatus = keyof typeof paymentLifecycle.states
export type PaymentEvent = keyof typeof paymentLifecycle.events

/** statuses in which the applicant may still pay this attempt */
export const OPEN_STATUSES: readonly PaymentStatus[] = ['pending', 'rejected']

export const voucherLifecycle = defineLifecycle({
  name: 'orders.payment_voucher',
  subject: 'payment_voucher',
  noun: '汇款凭证',
  ...endings(
    'submitted',
    { label: '待确认', tone: 'info' },
    {
      confirm: {
        label: '确认到账',
        to: 'confirmed',
        state: { label: '已确认到账', tone: 'success' },
      },
      reject: { label: '退回', to: 'rejected', state: { label: '已退回', tone: 'danger' } },
    }
  ),
})

export type VoucherStatus = keyof typeof voucherLifecycle.states
