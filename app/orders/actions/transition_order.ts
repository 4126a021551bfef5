import { DateTime } from 'luxon'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import messages from '#core/messages/message_service'
import type { AuditActor } from '#core/audit/audit_service'
import { TransitionRefused } from '#core/lifecycle'
import { sentence } from '#core/review'
import { maskPhone } from '#core/validation/identity'
import { formatFen } from '#core/money'
import { decideOrder, orderLifecycle, type OrderEvent, type OrderStatus } from '#orders/lifecycle'
import type Order from '#orders/models/order'

/**
 * Apply one event of the order's lifecycle inside the caller's
 * transaction: status and timestamps, one audit entry, one in-site
 * message. The one place an order changes status. Throws
 * TransitionRefused (a rule error, Chinese message) when the machine says
 * no.
 */
export async function transitionOrder(
  order: Order,
  event: OrderEvent,
  trx: TransactionClientContract,
  options: {
    changes?: Partial<Order>
    data?: Record<string, unknown>
    note?: string
    actor?: AuditActor
  } = {}
): Promise<{ from: OrderStatus; to: OrderStatus }> {
  const decision = decideOrder(order.facts, event)
  if (!decision.ok) throw new TransitionRefused(decision.message, event, order.status)
  const from = order.status
  const to = decision.to
  const now = DateTime.utc()

  order.useTransaction(trx)
  if (options.changes) order.merge(options.changes)
  order.status = to
  switch (event) {
    case 'submit':
      order.submittedAt = now
      if (to === 'approved') order.approvedAt = now
      break
    case 'approve':
      order.approvedAt = to === 'approved' ? now : order.approvedAt
      order.reviewPassedAt = now
      order.rejectReason = null
      order.rejectReasonType = null
      order.reviewCount = order.reviewCount + 1
      break
    case 'reject':
      order.rejectedAt = now
      order.reviewCount = order.reviewCount + 1
      break
    case 'pay':
      if (to === 'approved') order.approvedAt = now
      break
    case 'cancel':
      order.cancelledAt = now
      break
    case 'ship':
      order.shippedAt = now
      break
    case 'receive':
      order.receivedAt = now
      break
    case 'hand_over':
      order.handedOverAt = now
      break
  }
  if (to === 'completed') order.completedAt = now
  await order.save()

  await orderLifecycle.record(
    event,
    { from, to, subjectId: order.orderNo, data: options.data },
    trx,
    options.actor
  )

  const text = messageFor(order, event, to, options.note)
  if (text) {
    await messages.send(
      order.userId,
      {
        category: event === 'approve' || event === 'reject' ? 'review' : 'order',
        title: text.title,
        body: text.body,
        link: urlFor('orders.show', { orderNo: order.orderNo }),
      },
      trx
    )
  }
  return { from, to }
}

function messageFor(order: Order, event: OrderEvent, to: OrderStatus, note?: string) {
  const no = order.orderNo
  const pkg = order.packageDetails
  if (pkg) {
    const what = `${pkg.name}（订单号 ${no}）`
    const verb = order.serviceType === 'package_extend' ? '延期' : '开通'
    if (event === 'submit' && to === 'pending_payment')
      return {
        title: '套餐订单已提交',
        body: `请继续完成${what}的支付（${formatFen(order.amountFen)}）。`,
      }
    if ((event === 'pay' || event === 'submit') && to === 'pending_review')
      return {
        title: event === 'pay' ? '支付成功' : '套餐订单已提交',
        body: `${what}已提交，请等待工作人员审核，审核通过后为您${verb}套餐。`,
      }
    if (event === 'pay' || event === 'submit' || event === 'approve')
      return {
        title: event === 'approve' ? '套餐订单审核通过' : '支付成功',
        body: `${what}${event === 'approve' ? '已审核通过' : '已支付'}，正在为您${verb}套餐。`,
      }
    if (event === 'issue')
      return {
        title: `套餐已${verb}`,
        body: `${what}已${verb}，可在${pkg.kind === 'seal_package' ? '印章管理' : '我的交易平台'}查看套餐余量。`,
      }
  }
  const what = `${order.productSnapshot?.name ?? '数字证书'}（订单号 ${no}）`
  switch (event) {
    case 'submit':
      return {
        title: '证书申请已提交',
        body:
          to === 'pending_payment'
            ? `您已成功提交${what}，请继续完成支付（${formatFen(order.amountFen)}）。只有完成支付后，工作人员才会审核。`
            : to === 'approved'
              ? `您已成功提交${what}，本订单免费且无需审核，正在为您办理证书。`
              : `您已成功提交${what}，请等待工作人员审核，审核结果将通过短信和站内消息通知您。`,
      }
    case 'pay':
      return {
        title: '支付成功',
        body:
          to === 'approved'
            ? `${what}已支付 ${formatFen(order.amountFen)}，资料已审核通过，正在为您办理证书。`
            : `${what}已支付 ${formatFen(order.amountFen)}，请等待工作人员审核。`,
      }
    case 'approve':
      return {
        title: '审核通过',
        body:
          to === 'pending_payment'
            ? `${what}资料审核通过，请在“我的订单”中完成支付（${formatFen(order.amountFen)}）。`
            : `${what}已审核通过。${order.deliveryMethod === 'self_make' ? '请插入 uKey，在“我的订单”中点击“制证”。' : ''}`,
      }
    case 'reject':
      return {
        title: '审核未通过',
        body: `${what}审核未通过，原因：${sentence(note ?? order.rejectReason ?? '')}请在“我的订单”中点击“完善资料”修改后重新提交，无需再次支付。`,
      }
    case 'resubmit':
      return { title: '已重新提交', body: `${what}已重新提交审核，请耐心等待。` }
    case 'cancel':
      return { title: '申请已取消', body: `${what}已取消。` }
    case 'issue':
      return {
        title: '证书已签发',
        body: order.orgId
          ? `${what}的证书已签发，可在“我的证书”中查看和使用。初始 PIN 码已通过短信发送给单位的法定代表人，请向其获取并尽快修改。`
          : `${what}的证书已签发，可在“我的证书”中查看和使用。默认 PIN 码为手机号 ${maskPhone(order.handlerPhone)} 的后 6 位，请尽快修改。`,
      }
    case 'make':
      return to === 'awaiting_pickup'
        ? {
            title: '证书已制作，请领取',
            body: `${what}的证书已制作完成。请取证人 ${order.delivery?.pickupName ?? ''} 携带身份证原件到 ${order.delivery?.pickupPointName ?? '取证地址'} 领取。`,
          }
        : { title: '证书已制作', body: `${what}的证书已制作完成，等待发货。` }
    case 'self_make':
      return { title: '制证成功', body: `${what}的证书已写入您的 uKey。` }
    case 'ship':
      return {
        title: '证书已发货',
        body: `${what}已发货：${order.courier ?? ''} ${order.trackingNo ?? ''}。收到后请在“我的订单”中签收。`,
      }
    case 'receive':
      return { title: '已签收', body: `${what}已签收，业务办理完成。` }
    case 'hand_over':
      return {
        title: '证书已领取',
        body: `${what}的证书已由 ${order.delivery?.pickupName ?? '取证人'} 领取，业务办理完成。`,
      }
  }
  return null
}
