import { DateTime } from 'luxon'
import { formatFen } from '#core/money'
import { formatTime } from '#core/time'
import refundsConfig from '#config/refunds'
import {
  onRefundState,
  onRefunded,
  registerRefundableOrderResolver,
  type RefundDecision,
} from '#payments/refund_hooks'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import { revokeCertificatesOfOrder } from '#certificates/actions/revoke_for_order'
import { PAYMENT_METHODS } from '#payments/labels'
import Order from '#orders/models/order'
import { findOwnOrder } from '#orders/queries/orders'
import { resumePackageAfterRefund } from '#orders/actions/packages'
import { lockOrderByNo } from '#orders/actions/lock'

/**
 * How orders and refunds meet (see #payments/refund_hooks), registered at
 * boot by registrations.ts:
 * - the refund rule of an order: before issuance a full refund; after
 *   issuance none, or the unused part (config/refunds.ts); with the order
 *   summary the 退费申请 page shows; the refund request decides it again
 *   under the order's row lock (the lock of a package's grant and of
 *   issuance), so a refund and a grant never both happen;
 * - the order's payment state follows its refund (退款中, back to 已支付,
 *   已退款), in the refund's transaction;
 * - a refunded order's certificate is revoked where the rule says so.
 */
const ISSUED = ['completed', 'awaiting_shipment', 'shipped', 'awaiting_pickup']
const CHANGED = '订单状态刚刚发生变化，请刷新页面后重新申请'

/** what the rule is read from: the decision under the lock compares it */
function basisOf(order: Order) {
  return `${order.status}/${order.paymentState}`
}

/**
 * `locked`: the decision of a refund request, from the order under its
 * lock; the certificate's part (the unused validity) is the quote's, read
 * before the transaction (the certificates are not read inside it), and
 * holds only while the order is as it was then.
 */
async function rule(
  order: Order,
  locked?: RefundDecision['quoted']
): Promise<{ refundable: boolean; amountFen: number; text: string }> {
  if (!['paid', 'refunding'].includes(order.paymentState) || order.amountFen <= 0)
    return { refundable: false, amountFen: 0, text: '该订单未支付或免费，无需退款' }
  if (order.status === 'cancelled')
    return { refundable: true, amountFen: order.amountFen, text: '订单已取消，可全额退款' }
  if (order.packageDetails)
    return ISSUED.includes(order.status)
      ? { refundable: false, amountFen: 0, text: '套餐已开通，不可退款' }
      : { refundable: true, amountFen: order.amountFen, text: '套餐尚未开通，可全额退款' }
  if (!ISSUED.includes(order.status))
    return { refundable: true, amountFen: order.amountFen, text: '证书尚未签发，可全额退款' }
  if (refundsConfig.afterIssuance === 'none')
    return { refundable: false, amountFen: 0, text: '证书已签发，按本中心退费规则不可退款' }
  if (locked)
    return locked.basis === basisOf(order)
      ? { refundable: locked.refundable, amountFen: locked.amountFen, text: locked.rule }
      : { refundable: false, amountFen: 0, text: CHANGED }
  const certificates = await certificatesOfOrder(order.orderNo)
  const cert = certificates[0]?.certificate
  if (!cert)
    return { refundable: true, amountFen: order.amountFen, text: '证书尚未签发，可全额退款' }
  const total = cert.notAfter.toMillis() - cert.notBefore.toMillis()
  const left = Math.max(0, cert.notAfter.toMillis() - Date.now())
  const amountFen = Math.floor((order.amountFen * left) / total)
  return {
    refundable: amountFen > 0,
    amountFen,
    text: `证书已签发，按未使用的有效期退款（剩余 ${Math.floor(left / 86_400_000)} 天）`,
  }
}

/*
 * userId: who asks (退费申请): the order's own person, or for an org's
 * order its 经办人 or an admin of the org, while an active member
 * (findOwnOrder); anyone else gets null (404). null: the back office.
 */
registerRefundableOrderResolver(async (orderNo, userId, decide) => {
  if (decide) {
    /* the refund request's decision: under the order's row lock, in its transaction */
    const order = await lockOrderByNo(orderNo, decide.trx)
    if (!order) return null
    const r = await rule(order, decide.quoted)
    return {
      ...decide.quoted,
      refundable: r.refundable,
      amountFen: r.amountFen,
      rule: r.text,
      basis: basisOf(order),
    }
  }
  const order = userId
    ? await findOwnOrder(userId, orderNo)
    : await Order.query().where('order_no', orderNo).first()
  if (!order) return null
  const r = await rule(order)
  return {
    orderNo: order.orderNo,
    userId: order.userId,
    refundable: r.refundable,
    amountFen: r.amountFen,
    rule: r.text,
    basis: basisOf(order),
    summary: [
      ['订单编号', order.orderNo],
      ['下单时间', formatTime(order.createdAt)],
      ['证书主体', order.subjectOrgName || order.subjectName],
      ...(order.subjectUscc
        ? ([['统一社会信用代码', order.subjectUscc]] as Array<[string, string]>)
        : []),
      ['产品', order.productSnapshot?.name ?? ''],
      ['交易平台', order.platformName],
      ['有效期', `${order.years} 年`],
      ['数量', '1'],
      [
        '支付方式',
        order.paymentMethod
          ? ((PAYMENT_METHODS as Record<string, string>)[order.paymentMethod] ??
            order.paymentMethod)
          : '—',
      ],
      ['支付时间', order.paidAt ? formatTime(order.paidAt) : '—'],
      ['订单金额', formatFen(order.amountFen)],
    ],
  }
})

onRefundState(async (event, trx) => {
  /* under the order's lock (the refund request holds it already) */
  const order = await lockOrderByNo(event.orderNo, trx)
  if (!order) return
  order.useTransaction(trx)
  order.paymentState = event.state
  order.updatedAt = DateTime.utc()
  await order.save()
  /* a refused refund of a package order asked before it was opened: open it now */
  if (event.state === 'paid' && event.refundOver)
    await resumePackageAfterRefund(order, { refundId: event.refundId, reason: event.reason }, trx)
})

onRefunded(async (event) => {
  if (!refundsConfig.revokeOnRefund) return
  await revokeCertificatesOfOrder(event.orderNo, `订单已退款：${event.reason}`, {
    type: 'system',
    name: '退费',
  })
})
