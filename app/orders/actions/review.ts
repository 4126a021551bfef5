import { sentence } from '#core/review'
import type { Reviewer } from '#core/staff'
import { OrderError } from '#orders/errors'
import type { AuditActor } from '#core/audit/audit_service'
import OrderReview from '#orders/models/order_review'
import type Order from '#orders/models/order'
import { REJECT_REASON_TYPES, type RejectReasonType } from '#orders/labels'
import { withLockedOrder } from '#orders/actions/lock'
import { transitionOrder } from '#orders/actions/transition_order'
import { enqueueIssuance, issueIfCloud } from '#orders/actions/fulfilment'
import { faultPoint } from '#core/fault_points'
import { smsToHandler } from '#orders/sms'

/**
 * 订单审核: the order lifecycle's approve and reject, by a reviewer. The
 * decision is taken on the locked order (two reviewers, or a double click,
 * decide it once), recorded in the order's review history, and told to
 * the applicant (in-site message with the transition, SMS after commit).
 */
const NOT_PENDING = '只有待审核的订单可以审核通过'

function staffActor(staff: Reviewer): AuditActor {
  return { type: 'staff', id: staff.id, name: staff.displayName }
}

/**
 * 审核通过. A paid (or free) order becomes 审核通过 and a cloud
 * certificate is issued at once (its job, enqueued with the approval,
 * completes it if this process dies first); an unpaid order of a product reviewed
 * before payment becomes 资料审核通过 → 待支付. Only an order waiting for
 * review (待审核) is approved, whatever the lifecycle's table says.
 */
export async function approveOrder(order: Order, staff: Reviewer) {
  const { to } = await withLockedOrder(order.id, async (fresh, trx) => {
    if (fresh.status !== 'pending_review') throw new OrderError(NOT_PENDING)
    const result = await transitionOrder(fresh, 'approve', trx, {
      data: { reviewer: staff.displayName },
    })
    await OrderReview.create(
      {
        orderId: fresh.id,
        staffId: staff.id,
        staffName: staff.displayName,
        decision: 'approve',
        reasonType: null,
        reason: null,
      },
      { client: trx }
    )
    // the issuance's job commits with the approval (issue 9 #4)
    await enqueueIssuance(fresh, trx)
    faultPoint('orders.approve.before_commit')
    return result
  })
  faultPoint('orders.approve.after_commit')
  await order.refresh()
  await smsToHandler(
    order,
    to === 'pending_payment'
      ? `您的证书申请（订单号 ${order.orderNo}）资料审核通过，请登录系统完成支付。`
      : `您的证书申请（订单号 ${order.orderNo}）已审核通过。`,
    'orders.review.result'
  )
  const issue =
    to === 'approved' ? await issueIfCloud(order.id, staffActor(staff)) : { issued: false }
  return { to, ...issue }
}

/**
 * 审核驳回: a reason type and text the applicant sees; the order waits
 * for 完善资料 and keeps its payment.
 */
export async function rejectOrder(
  order: Order,
  staff: Reviewer,
  input: { reasonType: RejectReasonType; reason: string }
) {
  const full = `${REJECT_REASON_TYPES[input.reasonType]}：${input.reason}`
  await withLockedOrder(order.id, async (fresh, trx) => {
    await transitionOrder(fresh, 'reject', trx, {
      changes: { rejectReasonType: input.reasonType, rejectReason: input.reason },
      data: { reviewer: staff.displayName, reasonType: input.reasonType, reason: input.reason },
      note: full,
    })
    await OrderReview.create(
      {
        orderId: fresh.id,
        staffId: staff.id,
        staffName: staff.displayName,
        decision: 'reject',
        reasonType: input.reasonType,
        reason: input.reason,
      },
      { client: trx }
    )
  })
  await order.refresh()
  await smsToHandler(
    order,
    `您的证书申请（订单号 ${order.orderNo}）审核未通过，原因：${sentence(full)}请登录系统点击“完善资料”修改后重新提交，无需再次支付。`,
    'orders.review.result'
  )
}
