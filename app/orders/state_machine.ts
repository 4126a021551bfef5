/**
 * The order state machine: every status, every event, and the only
 * transitions allowed. Actions ask `decide()` for the target status and
 * `transitionOrder()` (actions/transition_order.ts) applies it, audits it
 * and tells the applicant.
 */
export const ORDER_STATUSES = {
  draft: { label: '未提交', tone: 'muted' },
  pending_payment: { label: '待支付', tone: 'warning' },
  pending_review: { label: '待审核', tone: 'info' },
  rejected: { label: '审核失败', tone: 'danger' },
  approved: { label: '审核通过', tone: 'success' },
  awaiting_shipment: { label: '待发货', tone: 'info' },
  awaiting_pickup: { label: '未领取', tone: 'warning' },
  shipped: { label: '已发货', tone: 'info' },
  completed: { label: '已完成', tone: 'success' },
  cancelled: { label: '用户已取消', tone: 'muted' },
  refunding: { label: '退款中', tone: 'warning' },
  refunded: { label: '已退款', tone: 'muted' },
} as const

export type OrderStatus = keyof typeof ORDER_STATUSES

export const PAYMENT_STATUSES = {
  unpaid: { label: '待支付', tone: 'warning' },
  paid: { label: '已支付', tone: 'success' },
  free: { label: '免费', tone: 'success' },
  refunding: { label: '退款中', tone: 'warning' },
  refunded: { label: '已退款', tone: 'muted' },
} as const

export type PaymentStatus = keyof typeof PAYMENT_STATUSES

export const ORDER_EVENTS = {
  submit: '提交申请',
  pay: '支付成功',
  approve: '审核通过',
  reject: '审核驳回',
  resubmit: '完善资料后重新提交',
  cancel: '取消申请',
  issue: '证书签发',
  make: '制证完成',
  self_make: '自助制证完成',
  ship: '发货',
  receive: '签收',
  hand_over: '取证人领取',
} as const

export type OrderEvent = keyof typeof ORDER_EVENTS

/**
 * The allowed transitions, in one place.
 */
export const TRANSITIONS: Record<OrderEvent, Array<[OrderStatus, OrderStatus]>> = {
  submit: [
    ['draft', 'pending_payment'],
    ['draft', 'pending_review'],
  ],
  pay: [
    ['pending_payment', 'pending_review'],
    ['pending_payment', 'approved'],
  ],
  approve: [
    ['pending_review', 'approved'],
    ['pending_review', 'pending_payment'],
  ],
  reject: [['pending_review', 'rejected']],
  resubmit: [['rejected', 'pending_review']],
  cancel: [
    ['draft', 'cancelled'],
    ['pending_payment', 'cancelled'],
    ['rejected', 'cancelled'],
    ['pending_review', 'cancelled'],
  ],
  issue: [['approved', 'completed']],
  make: [
    ['approved', 'awaiting_shipment'],
    ['approved', 'awaiting_pickup'],
  ],
  self_make: [['approved', 'completed']],
  ship: [['awaiting_shipment', 'shipped']],
  receive: [['shipped', 'completed']],
  hand_over: [['awaiting_pickup', 'completed']],
}

/**
 * What the machine needs to know about an order to pick a target.
 */
export interface OrderFacts {
  status: OrderStatus
  paymentStatus: PaymentStatus
  /** before_payment: 资料审核通过 → 待支付; after_payment: 支付 → 待审核 */
  reviewMode: 'before_payment' | 'after_payment'
  /** the review has already passed (only possible with before_payment) */
  reviewPassed: boolean
  amountFen: number
  deliveryMethod: string
}

export type Decision = { ok: true; to: OrderStatus } | { ok: false; message: string }

const REFUSALS: Partial<Record<OrderEvent, string>> = {
  submit: '只有未提交的订单可以提交',
  pay: '该订单当前无需支付',
  approve: '只有待审核的订单可以审核通过',
  reject: '只有待审核的订单可以驳回',
  resubmit: '只有审核失败的订单可以重新提交',
  issue: '只有审核通过的订单可以签发证书',
  make: '只有审核通过的订单可以制证',
  self_make: '只有审核通过的订单可以制证',
  ship: '只有待发货的订单可以发货',
  receive: '只有已发货的订单可以签收',
  hand_over: '只有未领取的订单可以领取',
}

function isPaidOrFree(facts: OrderFacts) {
  return facts.paymentStatus === 'paid' || facts.paymentStatus === 'free' || facts.amountFen === 0
}

/**
 * The status an event leads to from the order's current state, or why
 * it cannot happen.
 */
export function decide(facts: OrderFacts, event: OrderEvent): Decision {
  const candidates = TRANSITIONS[event]
    .filter(([from]) => from === facts.status)
    .map(([, to]) => to)
  if (!candidates.length) {
    if (event === 'cancel') {
      return {
        ok: false,
        message:
          isPaidOrFree(facts) && facts.amountFen > 0
            ? '订单已支付，不能直接取消，请申请退款'
            : '当前状态的订单不能取消',
      }
    }
    return { ok: false, message: REFUSALS[event] ?? '当前状态不允许此操作' }
  }

  let to: OrderStatus
  switch (event) {
    case 'submit':
      to =
        isPaidOrFree(facts) || facts.reviewMode === 'before_payment'
          ? 'pending_review'
          : 'pending_payment'
      break
    case 'pay':
      to = facts.reviewPassed ? 'approved' : 'pending_review'
      break
    case 'approve':
      to = isPaidOrFree(facts) ? 'approved' : 'pending_payment'
      break
    case 'cancel':
      if (facts.paymentStatus === 'paid' && facts.amountFen > 0) {
        return { ok: false, message: '订单已支付，不能直接取消，请申请退款' }
      }
      to = 'cancelled'
      break
    case 'make':
      if (facts.deliveryMethod === 'mail_cod') to = 'awaiting_shipment'
      else if (facts.deliveryMethod === 'pickup') to = 'awaiting_pickup'
      else return { ok: false, message: '该订单由申请人自助制证' }
      break
    case 'self_make':
      if (facts.deliveryMethod !== 'self_make')
        return { ok: false, message: '该订单由工作人员制证' }
      to = 'completed'
      break
    case 'issue':
      if (facts.deliveryMethod !== 'online_install')
        return { ok: false, message: 'uKey 证书需要制证' }
      to = 'completed'
      break
    default:
      to = candidates[0]
  }
  if (!candidates.includes(to))
    return { ok: false, message: REFUSALS[event] ?? '当前状态不允许此操作' }
  return { ok: true, to }
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
      if (!(facts.paymentStatus === 'paid' && facts.amountFen > 0)) actions.push('cancel')
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
