import {
  SHARED_STATES,
  defineLifecycle,
  type Decision,
  type StateDefinition,
} from '#core/lifecycle'

/**
 * The order's lifecycle (#core/lifecycle): every status with its label and
 * tone, every event with the only [from, to] pairs it may make. Where an
 * event allows several targets, `decideOrder` picks one from the order's
 * facts (paid? reviewed before payment? how it is delivered?).
 * `transitionOrder` (actions/transition_order.ts) is the one place that
 * applies an event: status, timestamps, one audit entry, one message.
 */
const ORDER_STATES = {
  draft: { label: '未提交', tone: 'muted' },
  pending_payment: SHARED_STATES.awaitingPayment,
  pending_review: { label: '待审核', tone: 'info' },
  rejected: { label: '审核失败', tone: 'danger' },
  approved: { label: '审核通过', tone: 'success' },
  awaiting_shipment: { label: '待发货', tone: 'info' },
  awaiting_pickup: { label: '未领取', tone: 'warning' },
  shipped: { label: '已发货', tone: 'info' },
  completed: { label: '已完成', tone: 'success' },
  cancelled: { label: '用户已取消', tone: 'muted' },
  /* no event leads here yet: refunds come with the refunds service */
  refunding: SHARED_STATES.refunding,
  refunded: SHARED_STATES.refunded,
} satisfies Record<string, StateDefinition>

export type OrderStatus = keyof typeof ORDER_STATES

export type OrderEvent =
  | 'submit'
  | 'pay'
  | 'approve'
  | 'reject'
  | 'resubmit'
  | 'cancel'
  | 'issue'
  | 'make'
  | 'self_make'
  | 'ship'
  | 'receive'
  | 'hand_over'

export const orderLifecycle = defineLifecycle<OrderStatus, OrderEvent>({
  name: 'orders.order',
  subject: 'order',
  noun: '订单',
  states: ORDER_STATES,
  events: {
    submit: {
      label: '提交申请',
      transitions: [
        ['draft', 'pending_payment'],
        ['draft', 'pending_review'],
        ['draft', 'approved'],
      ],
      refusal: '只有未提交的订单可以提交',
    },
    pay: {
      label: '支付成功',
      transitions: [
        ['pending_payment', 'pending_review'],
        ['pending_payment', 'approved'],
      ],
      refusal: '该订单当前无需支付',
    },
    approve: {
      label: '审核通过',
      transitions: [
        ['pending_review', 'approved'],
        ['pending_review', 'pending_payment'],
      ],
      refusal: '只有待审核的订单可以审核通过',
    },
    reject: {
      label: '审核驳回',
      transitions: [['pending_review', 'rejected']],
      refusal: '只有待审核的订单可以驳回',
    },
    resubmit: {
      label: '完善资料后重新提交',
      transitions: [['rejected', 'pending_review']],
      refusal: '只有审核失败的订单可以重新提交',
    },
    cancel: {
      label: '取消申请',
      transitions: [
        ['draft', 'cancelled'],
        ['pending_payment', 'cancelled'],
        ['rejected', 'cancelled'],
        ['pending_review', 'cancelled'],
      ],
      refusal: '当前状态的订单不能取消',
    },
    issue: {
      label: '证书签发',
      transitions: [['approved', 'completed']],
      refusal: '只有审核通过的订单可以签发证书',
    },
    make: {
      label: '制证完成',
      transitions: [
        ['approved', 'awaiting_shipment'],
        ['approved', 'awaiting_pickup'],
      ],
      refusal: '只有审核通过的订单可以制证',
    },
    self_make: {
      label: '自助制证完成',
      transitions: [['approved', 'completed']],
      refusal: '只有审核通过的订单可以制证',
    },
    ship: {
      label: '发货',
      transitions: [['awaiting_shipment', 'shipped']],
      refusal: '只有待发货的订单可以发货',
    },
    receive: {
      label: '签收',
      transitions: [['shipped', 'completed']],
      refusal: '只有已发货的订单可以签收',
    },
    hand_over: {
      label: '取证人领取',
      transitions: [['awaiting_pickup', 'completed']],
      refusal: '只有未领取的订单可以领取',
    },
  },
  auditActions: {
    'orders.order.create': '创建证书申请订单',
    'orders.order.update_step': '填写订单信息',
    'orders.order.material_uploaded': '上传申请资料',
    'orders.order.payment_started': '发起支付',
    'orders.order.reprice': '订单金额更新（首把 uKey 免费不再适用）',
    'orders.order.issue_failed': '证书签发失败（待重试）',
    'orders.order.hand_over_refused': '领取时身份证号不符，拒绝交付',
    'orders.order.package_resumed': '退款未通过，继续开通套餐',
  },
})

/**
 * What the order's money looks like to the order (支付状态 in 我的订单):
 * not the payments module's attempts (#payments/lifecycle), but whether
 * this order still has to be paid. Stored in the `payment_status` column.
 */
export const ORDER_PAYMENT_STATES = {
  unpaid: SHARED_STATES.awaitingPayment,
  paid: SHARED_STATES.paid,
  free: { label: '免费', tone: 'success' },
  refunding: SHARED_STATES.refunding,
  refunded: SHARED_STATES.refunded,
} as const

export type OrderPaymentState = keyof typeof ORDER_PAYMENT_STATES

/**
 * What the machine needs to know about an order to pick a target.
 */
export interface OrderFacts {
  status: OrderStatus
  paymentState: OrderPaymentState
  /** before_payment: 资料审核通过 → 待支付; after_payment: 支付 → 待审核 */
  reviewMode: 'before_payment' | 'after_payment'
  /** the review has already passed (only possible with before_payment) */
  reviewPassed: boolean
  /** false: the order needs no 订单审核 (个人年检): payment approves it */
  reviewRequired?: boolean
  amountFen: number
  deliveryMethod: string
}

const PAID_NO_CANCEL = '订单已支付，不能直接取消，请申请退款'

function isPaidOrFree(facts: OrderFacts) {
  return facts.paymentState === 'paid' || facts.paymentState === 'free' || facts.amountFen === 0
}

/** money was taken for this order (a refund, not a cancellation, gives it back) */
function hasPaid(facts: OrderFacts) {
  return facts.paymentState === 'paid' && facts.amountFen > 0
}

/**
 * The target of an event among those the table allows from the order's
 * status, by the order's facts.
 */
function choose(event: OrderEvent, facts: OrderFacts) {
  return (targets: OrderStatus[]): OrderStatus | { refuse: string } => {
    switch (event) {
      case 'submit':
        // a free order that needs no review (e.g. a free 个人年检) goes straight on (issue 11 #2)
        if (isPaidOrFree(facts) && facts.reviewRequired === false) return 'approved'
        return isPaidOrFree(facts) || facts.reviewMode === 'before_payment'
          ? 'pending_review'
          : 'pending_payment'
      case 'pay':
        return facts.reviewPassed || facts.reviewRequired === false ? 'approved' : 'pending_review'
      case 'approve':
        return isPaidOrFree(facts) ? 'approved' : 'pending_payment'
      case 'cancel':
        return hasPaid(facts) ? { refuse: PAID_NO_CANCEL } : 'cancelled'
      case 'make':
        if (facts.deliveryMethod === 'mail_cod') return 'awaiting_shipment'
        if (facts.deliveryMethod === 'pickup') return 'awaiting_pickup'
        return { refuse: '该订单由申请人自助制证' }
      case 'self_make':
        return facts.deliveryMethod === 'self_make'
          ? 'completed'
          : { refuse: '该订单由工作人员制证' }
      case 'issue':
        return facts.deliveryMethod === 'online_install'
          ? 'completed'
          : { refuse: 'uKey 证书需要制证' }
      default:
        return targets[0]
    }
  }
}

/**
 * The status an event leads to from the order's current state, or why
 * it cannot happen.
 */
export function decideOrder(facts: OrderFacts, event: OrderEvent): Decision<OrderStatus> {
  if (event === 'cancel' && !orderLifecycle.can('cancel', facts.status)) {
    return {
      ok: false,
      message:
        isPaidOrFree(facts) && facts.amountFen > 0
          ? PAID_NO_CANCEL
          : orderLifecycle.refusal('cancel', facts.status),
    }
  }
  return orderLifecycle.decide(event, facts.status, choose(event, facts))
}

/**
 * The actions an applicant sees next to an order in 我的订单.
 */
export function applicantActions(facts: OrderFacts & { medium: string }) {
  const actions: string[] = ['view']
  switch (facts.status) {
    case 'draft':
      actions.push('continue', 'cancel')
      break
    case 'pending_payment':
      actions.push('pay', 'cancel')
      break
    case 'pending_review':
      if (!isPaidOrFree(facts) || facts.amountFen === 0) actions.push('cancel')
      break
    case 'rejected':
      actions.push('reason', 'fix')
      if (!hasPaid(facts)) actions.push('cancel')
      break
    case 'approved':
      if (facts.deliveryMethod === 'self_make') actions.push('make')
      break
    case 'shipped':
      actions.push('receive')
      break
  }
  return actions
}

/** { status: label } for filters, without the statuses staff never see */
export function orderStatusLabels(options: { withDraft?: boolean } = {}) {
  const labels: Record<string, string> = orderLifecycle.labels()
  if (!options.withDraft) delete labels.draft
  return labels
}
