import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import {
  onPaymentSucceeded,
  registerOrderUrl,
  registerPayableOrderResolver,
  registerReturnLink,
  registerPayerLookup,
} from '#payments/hooks'
import { findApplicant } from '#accounts/queries/users'
import Order from '#orders/models/order'
import { lockOrder } from '#orders/actions/lock'
import { findOrderByNo, findOwnOrder } from '#orders/queries/orders'
import { returnLabelOf, safeReturnPath } from '#orders/labels'
import { transitionOrder } from '#orders/actions/transition_order'
import { enqueueIssuance } from '#orders/actions/fulfilment'
import { faultPoint } from '#core/fault_points'

/**
 * How orders and payments meet (see #payments/hooks), registered at boot
 * by registrations.ts:
 * - what an order costs, for POST /payments;
 * - a payment succeeded: the order's `pay` event, in the payment's
 *   transaction. When the order can no longer take the money, nothing is
 *   written and the payment is kept for a refund;
 * - where the payment pages' 返回订单 points, the order's way back the
 *   payment result page offers (返回扫码继续: `return_to`, on-site paths
 *   only, not for a cancelled or refunded order, as on the order page),
 *   and who a payer is (finance sees the applicant's name and phone).
 */
registerPayableOrderResolver(async (orderNo, userId) => {
  /* the 经办人 pays, and an org's order only while they are still its member */
  const order = await findOwnOrder(userId, orderNo, { handlerOnly: true })
  if (!order) return null
  if (order.isPaidOrFree) return { error: '该订单已支付，无需重复支付' }
  if (order.status === 'pending_review' && order.reviewMode === 'before_payment') {
    return { error: '订单资料正在审核，审核通过后再支付' }
  }
  if (order.status !== 'pending_payment') return { error: '该订单当前无需支付' }
  return {
    orderNo: order.orderNo,
    userId: order.userId,
    amountFen: order.amountFen,
    subject:
      order.packageDetails?.name ?? `${order.productSnapshot?.name ?? '数字证书'} ${order.years}年`,
  }
})

registerOrderUrl((orderNo) => urlFor('orders.show', { orderNo }))
registerReturnLink(async (orderNo) => {
  const order = await findOrderByNo(orderNo)
  const url = safeReturnPath(order?.returnTo)
  if (!order || !url || ['cancelled', 'refunded'].includes(order.status)) return null
  return { url, label: returnLabelOf(order.returnLabel) }
})
registerPayerLookup(findApplicant)

onPaymentSucceeded(async (event, trx) => {
  const found = await Order.query({ client: trx }).where('order_no', event.orderNo).first()
  if (!found) return { refuse: '订单不存在' }
  const order = await lockOrder(found.id, trx)
  if (order.userId !== event.userId) return { refuse: '订单信息不符' }
  if (order.status !== 'pending_payment' || order.isPaidOrFree) {
    return { refuse: order.status === 'cancelled' ? '订单已取消' : '订单当前不需要支付' }
  }
  if (order.amountFen !== event.amountFen) return { refuse: '支付金额与订单金额不一致' }
  await transitionOrder(order, 'pay', trx, {
    changes: {
      paymentState: 'paid',
      paidAt: event.paidAt ?? DateTime.utc(),
      paymentMethod: event.method,
      paymentId: event.paymentId,
    },
    data: {
      paymentId: event.paymentId,
      method: event.method,
      amountFen: event.amountFen,
      transactionId: event.transactionId,
    },
  })
  faultPoint('orders.pay.after_transition')
  /**
   * Reviewed before payment: the payment approves the order, and its
   * certificate's issuance job commits with it (the job runner issues
   * within seconds; a crash anywhere leaves the job). Nothing runs in the
   * background of the gateway's request.
   */
  await enqueueIssuance(order, trx)
})
