import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { registerAuditActions, type AuditActor } from '#core/audit/audit_service'
import sms from '#core/sms/sms_service'
import { registerSmsPurposes } from '#core/sms/sms_service'
import {
  issueCloudCertificateForOrder,
  issueCsrCertificateForOrder,
  CertificateIssueError,
  type OrderForIssue,
} from '#certificates/actions/issue_for_order'
import { certificatesOfOrder } from '#certificates/queries/certificates'
import type Certificate from '#certificates/models/certificate'
import OrderReview from '#orders/models/order_review'
import Order from '#orders/models/order'
import type { OrderStatus } from '#orders/state_machine'
import { ApplyError, lockOrder } from '#orders/actions/apply'
import { transitionOrder, TransitionRefused } from '#orders/actions/transition_order'
import { REJECT_REASON_TYPES, type RejectReasonType } from '#orders/labels'

registerAuditActions({
  'orders.order.issue_failed': '证书签发失败（待重试）',
})

registerSmsPurposes({
  'orders.review.result': '证书申请审核结果',
  'orders.fulfilment.notice': '证书制作与领取通知',
})

export interface StaffActorInfo {
  id: string
  name: string
}

function staffActor(staff: StaffActorInfo): AuditActor {
  return { type: 'staff', id: staff.id, name: staff.name }
}

async function refusedAsApplyError<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof TransitionRefused) throw new ApplyError(error.message)
    if (error instanceof CertificateIssueError) throw new ApplyError(error.message, error.field)
    throw error
  }
}

/**
 * What the certificates module needs to issue for an order.
 */
export function orderForIssue(order: Order): OrderForIssue {
  return {
    orderNo: order.orderNo,
    userId: order.userId,
    certKind: order.certKind,
    medium: order.medium,
    years: order.years,
    platformId: order.platformId,
    platformName: order.platformName,
    productName: order.productSnapshot?.name ?? '',
    subjectType: order.subjectType,
    subjectName: order.subjectName,
    subjectIdType: order.subjectIdType,
    subjectIdNumber: order.subjectIdNumber,
    subjectOrgName: order.subjectOrgName,
    subjectUscc: order.subjectUscc,
    handlerName: order.handlerName,
    handlerPhone: order.handlerPhone,
  }
}

async function notifyBySms(order: Order, text: string, purpose: string) {
  const phone = order.handlerPhone
  if (!phone) return
  try {
    await sms.send(phone, text, purpose)
  } catch (error) {
    logger.warn({ err: error, order: order.orderNo }, 'order notification SMS failed')
  }
}

/**
 * Issuance happens at most once per order. Two clicks on 制证 (or 审核通过
 * and 签发证书 at the same moment) must not give the holder two
 * certificates: within this process the issuances of one order queue up,
 * and on PostgreSQL, where several instances share the database, they also
 * queue on an advisory lock named after the order (held on a connection of
 * its own, released when done or when the process dies). The one that
 * comes second finds the order no longer 审核通过 and is refused. A
 * certificate already recorded for the order (issued, but its transition
 * never written) is reused, not issued again.
 */
const issuing = new Map<string, Promise<void>>()

async function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const previous = issuing.get(key) ?? Promise.resolve()
  let done!: () => void
  const mine = new Promise<void>((resolve) => (done = resolve))
  const tail = previous.then(() => mine)
  issuing.set(key, tail)
  await previous
  try {
    return await run()
  } finally {
    done()
    if (issuing.get(key) === tail) issuing.delete(key)
  }
}

async function acrossInstances<T>(key: string, run: () => Promise<T>): Promise<T> {
  const connection = db.connection()
  if (connection.dialect.name !== 'postgres') return run()
  const knexClient = connection.getWriteClient().client
  const session = await knexClient.acquireConnection()
  try {
    await session.query('select pg_advisory_lock(hashtext($1))', [key])
    try {
      return await run()
    } finally {
      await session.query('select pg_advisory_unlock(hashtext($1))', [key])
    }
  } finally {
    await knexClient.releaseConnection(session)
  }
}

async function issueOnce(
  orderId: string,
  check: (order: Order) => void,
  issue: (order: Order) => Promise<Certificate>,
  transition: (
    order: Order,
    trx: TransactionClientContract,
    certificate: Certificate
  ) => Promise<{ from: OrderStatus; to: OrderStatus }>
): Promise<{ certificate: Certificate; to: OrderStatus }> {
  return oneAtATime(orderId, () =>
    acrossInstances(`certdesk:order-issuance:${orderId}`, async () => {
      const order = await Order.findOrFail(orderId)
      check(order)
      const recorded = await certificatesOfOrder(order.orderNo)
      const certificate = recorded.length ? recorded[0].certificate : await issue(order)
      const { to } = await db.transaction(async (trx) =>
        transition(await lockOrder(orderId, trx), trx, certificate)
      )
      return { certificate, to }
    })
  )
}

class NothingToIssue extends Error {}

/**
 * A cloud certificate is issued as soon as its order is approved (and
 * paid). If the CA fails, the order stays 审核通过 and staff can retry.
 */
export async function issueIfCloud(
  orderId: string,
  actor?: AuditActor
): Promise<{ issued: boolean; error?: string }> {
  let orderNo = ''
  try {
    await issueOnce(
      orderId,
      (order) => {
        orderNo = order.orderNo
        if (order.status !== 'approved' || order.deliveryMethod !== 'online_install')
          throw new NothingToIssue()
      },
      (order) => issueCloudCertificateForOrder(orderForIssue(order), actor),
      (order, trx, certificate) =>
        transitionOrder(order, 'issue', trx, { data: { serial: certificate.serial } })
    )
    return { issued: true }
  } catch (error) {
    if (error instanceof NothingToIssue) return { issued: false }
    const message =
      error instanceof CertificateIssueError ? error.message : '证书签发服务暂时不可用'
    logger.error({ err: error, order: orderNo }, 'cloud certificate issuance failed')
    await audit.record({
      action: 'orders.order.issue_failed',
      subjectType: 'order',
      subjectId: orderNo,
      data: { message },
      actor,
    })
    return { issued: false, error: message }
  }
}

/**
 * 审核通过. A paid (or free) order becomes 审核通过 and a cloud
 * certificate is issued at once; an unpaid order of a product reviewed
 * before payment becomes 资料审核通过 → 待支付.
 */
export async function approveOrder(order: Order, staff: StaffActorInfo) {
  const { to } = await refusedAsApplyError(() =>
    db.transaction(async (trx) => {
      const fresh = await lockOrder(order.id, trx)
      const result = await transitionOrder(fresh, 'approve', trx, {
        data: { reviewer: staff.name },
      })
      await OrderReview.create(
        {
          orderId: fresh.id,
          staffId: staff.id,
          staffName: staff.name,
          decision: 'approve',
          reasonType: null,
          reason: null,
        },
        { client: trx }
      )
      return result
    })
  )
  await order.refresh()
  await notifyBySms(
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
  staff: StaffActorInfo,
  input: { reasonType: RejectReasonType; reason: string }
) {
  const typeLabel = REJECT_REASON_TYPES[input.reasonType]
  const full = `${typeLabel}：${input.reason}`
  await refusedAsApplyError(() =>
    db.transaction(async (trx) => {
      const fresh = await lockOrder(order.id, trx)
      await transitionOrder(fresh, 'reject', trx, {
        changes: { rejectReasonType: input.reasonType, rejectReason: input.reason },
        data: { reviewer: staff.name, reasonType: input.reasonType, reason: input.reason },
        note: full,
      })
      await OrderReview.create(
        {
          orderId: fresh.id,
          staffId: staff.id,
          staffName: staff.name,
          decision: 'reject',
          reasonType: input.reasonType,
          reason: input.reason,
        },
        { client: trx }
      )
    })
  )
  await order.refresh()
  await notifyBySms(
    order,
    `您的证书申请（订单号 ${order.orderNo}）审核未通过，原因：${full}。请登录系统点击“完善资料”修改后重新提交，无需再次支付。`,
    'orders.review.result'
  )
}

/**
 * 制证 by the office (mailed or picked-up uKeys): the operator submits the
 * CSR made on the uKey; the certificate is issued and the order waits for
 * shipping or pickup.
 */
export async function makeByOperator(order: Order, csrPem: string, staff: StaffActorInfo) {
  const { certificate, to } = await refusedAsApplyError(() =>
    issueOnce(
      order.id,
      (fresh) => {
        if (
          fresh.status !== 'approved' ||
          !['mail_cod', 'pickup'].includes(fresh.deliveryMethod ?? '')
        ) {
          throw new ApplyError(
            ['awaiting_shipment', 'awaiting_pickup', 'shipped', 'completed'].includes(fresh.status)
              ? '该订单已制证，请勿重复提交'
              : '该订单当前不能由工作人员制证'
          )
        }
      },
      (fresh) => issueCsrCertificateForOrder(orderForIssue(fresh), csrPem, staffActor(staff)),
      (fresh, trx, issued) =>
        transitionOrder(fresh, 'make', trx, {
          data: { serial: issued.serial, operator: staff.name },
        })
    )
  )
  await order.refresh()
  if (to === 'awaiting_pickup') {
    await notifyBySms(
      order,
      `您的证书（订单号 ${order.orderNo}）已制作完成，请取证人携带身份证原件到 ${order.delivery?.pickupPointName ?? '取证地址'} 领取。`,
      'orders.fulfilment.notice'
    )
  }
  return certificate
}

/**
 * 自助制证: the applicant's own uKey CSR for an approved self-service order.
 */
export async function selfMake(order: Order, csrPem: string) {
  const { certificate } = await refusedAsApplyError(() =>
    issueOnce(
      order.id,
      (fresh) => {
        if (fresh.status !== 'approved' || fresh.deliveryMethod !== 'self_make') {
          throw new ApplyError(
            fresh.status === 'completed' && fresh.deliveryMethod === 'self_make'
              ? '该订单已制证，请勿重复提交'
              : '该订单当前不能制证'
          )
        }
      },
      (fresh) => issueCsrCertificateForOrder(orderForIssue(fresh), csrPem),
      (fresh, trx, issued) =>
        transitionOrder(fresh, 'self_make', trx, { data: { serial: issued.serial } })
    )
  )
  await order.refresh()
  return certificate
}

export async function shipOrder(
  order: Order,
  input: { courier: string; trackingNo: string },
  staff: StaffActorInfo
) {
  await refusedAsApplyError(() =>
    db.transaction(async (trx) => {
      const fresh = await lockOrder(order.id, trx)
      return transitionOrder(fresh, 'ship', trx, {
        changes: { courier: input.courier, trackingNo: input.trackingNo },
        data: { courier: input.courier, trackingNo: input.trackingNo, operator: staff.name },
      })
    })
  )
  await order.refresh()
  await notifyBySms(
    order,
    `您的证书（订单号 ${order.orderNo}）已发货：${input.courier} ${input.trackingNo}，收到后请登录系统签收。`,
    'orders.fulfilment.notice'
  )
}

/**
 * 签收 by the applicant.
 */
export async function confirmReceipt(order: Order) {
  await refusedAsApplyError(() =>
    db.transaction(async (trx) => {
      const fresh = await lockOrder(order.id, trx)
      return transitionOrder(fresh, 'receive', trx)
    })
  )
  await order.refresh()
}

/**
 * 领取: the pickup person's ID, as shown at the counter, must be the one
 * given in the order.
 */
export async function handOver(
  order: Order,
  input: { shownIdNumber: string; note?: string | null },
  staff: StaffActorInfo
) {
  if (order.status !== 'awaiting_pickup') throw new ApplyError('只有未领取的订单可以领取')
  const expected = (order.delivery?.pickupIdNumber ?? '').toUpperCase()
  if (!expected || input.shownIdNumber.toUpperCase() !== expected) {
    await audit.record({
      action: 'orders.order.hand_over_refused',
      subjectType: 'order',
      subjectId: order.orderNo,
      data: { operator: staff.name },
      actor: staffActor(staff),
    })
    throw new ApplyError('取证人身份证号与订单登记的不一致，不能交付', 'shown_id_number')
  }
  await refusedAsApplyError(() =>
    db.transaction(async (trx) => {
      const fresh = await lockOrder(order.id, trx)
      return transitionOrder(fresh, 'hand_over', trx, {
        changes: { handoverNote: input.note ?? null },
        data: { operator: staff.name, pickupName: order.delivery?.pickupName },
      })
    })
  )
  await order.refresh()
}

registerAuditActions({ 'orders.order.hand_over_refused': '领取时身份证号不符，拒绝交付' })
