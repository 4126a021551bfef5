import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { type AuditActor } from '#core/audit/audit_service'
import type { Reviewer } from '#core/staff'
import {
  prepareCloudCertificateForOrder,
  prepareCsrCertificateForOrder,
  CertificateIssueError,
  type OrderForIssue,
  type OrderIssuePlan,
} from '#certificates/actions/issue_for_order'
import { faultPoint } from '#core/fault_points'
import { dispatchJob } from '#core/queue/jobs'
import Order from '#orders/models/order'
import type { OrderStatus } from '#orders/lifecycle'
import { OrderError } from '#orders/errors'
import { lockOrder, withLockedOrder } from '#orders/actions/lock'
import { transitionOrder } from '#orders/actions/transition_order'
import { smsToHandler } from '#orders/sms'
import { findOrg } from '#orgs/queries/orgs'

/**
 * After approval: the certificate is issued (cloud at once, uKey from the
 * key's CSR made by the applicant or the office), then shipped, handed
 * over or signed for — each one lifecycle event of the order.
 */

/** a certificate as the certificates module gives it back after issuing */
type IssuedCertificate = Awaited<ReturnType<OrderIssuePlan['commit']>>

function staffActor(staff: Reviewer): AuditActor {
  return { type: 'staff', id: staff.id, name: staff.displayName }
}

/**
 * The CA's refusal (bad CSR, weak key…) as a rule error of the orders
 * module, at the CSR field when it concerns the CSR.
 */
async function caRefusalsAsRuleErrors<T>(run: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await run()
  } catch (error) {
    // real work: the certificates module's refusal becomes a rule error the form can show
    if (error instanceof CertificateIssueError) {
      throw new OrderError(error.message, field ?? error.field ?? {})
    }
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
    orgId: order.orgId,
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
    // a service order (更新, 变更, 补办): the certificate it acts on (issue 11)
    serviceType: order.serviceType,
    serviceCertificateId: order.certificateId,
    renewalWindowDays: order.serviceDetails?.windowDays ?? order.productSnapshot?.renewalWindowDays,
  }
}

/**
 * What the certificates module needs, with what the org of an org's order
 * adds: a cloud certificate's initial PIN goes to its legal
 * representative's phone (read from the org when issuing).
 */
async function issueFactsOf(order: Order): Promise<OrderForIssue> {
  const facts = orderForIssue(order)
  if (!order.orgId || order.medium !== 'cloud') return facts
  const org = await findOrg(order.orgId)
  return org?.legalRepPhone
    ? { ...facts, pinTo: { phone: org.legalRepPhone, name: org.legalRepName } }
    : facts
}

/**
 * Issuance happens exactly once per order (issue 9 #1 and #2).
 *
 * Everything that can be thrown away is done first, outside any
 * transaction: the checks, the CSR's, the cloud keys. Then ONE
 * transaction, under the order's row lock (FOR UPDATE on PostgreSQL;
 * SQLite's write transactions begin IMMEDIATE), checks the order again,
 * issues (the CA's certificate, credential and audit entry), adds it to
 * 我的证书 and moves the order on. A crash anywhere before the commit
 * leaves nothing (the order stays 审核通过 and its job or a click
 * retries); after it, the order is no longer 审核通过 and a retry is
 * refused. Two attempts at once (two clicks, the job and the request)
 * queue on the row lock: the second finds the order moved on. Nothing
 * waits for a lock while holding a connection it does not use (the
 * former advisory lock on a second pooled connection starved the pool).
 */
export async function issueOnce(
  orderId: string,
  check: (order: Order) => void,
  prepare: (order: Order) => Promise<OrderIssuePlan>,
  transition: (
    order: Order,
    trx: TransactionClientContract,
    certificate: IssuedCertificate
  ) => Promise<{ from: OrderStatus; to: OrderStatus }>,
  actor?: AuditActor
): Promise<{ certificate: IssuedCertificate; to: OrderStatus }> {
  const current = await Order.findOrFail(orderId)
  check(current)
  const plan = await prepare(current)
  const issued = await db.transaction(async (trx) => {
    const order = await lockOrder(orderId, trx)
    check(order)
    const certificate = await plan.commit(trx, { actor })
    const { to } = await transition(order, trx, certificate)
    faultPoint('orders.issue.after_transition')
    return { certificate, to }
  })
  faultPoint('orders.issue.after_commit')
  return issued
}

class NothingToIssue extends Error {}

/**
 * Issue the cloud certificate of an approved (and paid) online order.
 * Throws when the CA fails (the job retries); { issued: false } when
 * there is nothing to issue (not a cloud order, or already issued).
 */
export async function issueApprovedOrder(
  orderId: string,
  actor?: AuditActor
): Promise<{ issued: boolean; orderNo: string }> {
  let orderNo = ''
  try {
    await issueOnce(
      orderId,
      (order) => {
        orderNo = order.orderNo
        if (order.status !== 'approved' || order.deliveryMethod !== 'online_install')
          throw new NothingToIssue()
      },
      async (order) => prepareCloudCertificateForOrder(await issueFactsOf(order)),
      (order, trx, certificate) =>
        transitionOrder(order, 'issue', trx, { data: { serial: certificate.serial } }),
      actor
    )
    return { issued: true, orderNo }
  } catch (error) {
    if (error instanceof NothingToIssue) return { issued: false, orderNo }
    throw error
  }
}

/**
 * Issuance after approval goes through the job queue (issue 9 #4): the
 * job is enqueued in the transaction that approves the order (or takes
 * its payment), so an approved online order always has a job that
 * issues its certificate, whatever happens to the process afterwards.
 * The request then tries at once (issueIfCloud) so that the applicant
 * does not wait for the job runner; the job finds the order issued and
 * does nothing, or retries (with backoff) what failed.
 */
export async function enqueueIssuance(order: Order, trx: TransactionClientContract) {
  if (order.status !== 'approved' || order.deliveryMethod !== 'online_install') return
  const { default: IssueCertificateJob } = await import('#orders/jobs/issue_certificate_job')
  await dispatchJob(
    IssueCertificateJob,
    { orderId: order.id },
    { trx, dedupKey: `orders.issue:${order.orderNo}` }
  )
}

/**
 * A cloud certificate is issued as soon as its order is approved (and
 * paid). If the CA fails, the order stays 审核通过: the failure is
 * recorded, its job retries, and staff can retry (签发证书).
 */
export async function issueIfCloud(
  orderId: string,
  actor?: AuditActor
): Promise<{ issued: boolean; error?: string }> {
  try {
    const { issued } = await issueApprovedOrder(orderId, actor)
    return { issued }
  } catch (error) {
    // real work: a failed issuance is recorded and reported, the order stays 审核通过 for a retry
    const message = await recordIssueFailure(orderId, error, actor)
    return { issued: false, error: message }
  }
}

export async function recordIssueFailure(orderId: string, error: unknown, actor?: AuditActor) {
  const message = error instanceof CertificateIssueError ? error.message : '证书签发服务暂时不可用'
  const order = await Order.find(orderId)
  logger.error({ err: error, order: order?.orderNo }, 'cloud certificate issuance failed')
  await audit.record({
    action: 'orders.order.issue_failed',
    subjectType: 'order',
    subjectId: order?.orderNo ?? orderId,
    data: { message },
    actor,
  })
  return message
}

/** a uKey order already past 制证 */
function alreadyMade(order: Order) {
  return ['awaiting_shipment', 'awaiting_pickup', 'shipped', 'completed'].includes(order.status)
}

/**
 * 制证 by the office (mailed or picked-up uKeys): the operator submits the
 * CSR made on the uKey; the certificate is issued and the order waits for
 * shipping or pickup.
 */
export async function makeByOperator(order: Order, csrPem: string, staff: Reviewer) {
  const { certificate, to } = await caRefusalsAsRuleErrors(() =>
    issueOnce(
      order.id,
      (fresh) => {
        if (
          fresh.status !== 'approved' ||
          !['mail_cod', 'pickup'].includes(fresh.deliveryMethod ?? '')
        ) {
          throw new OrderError(
            alreadyMade(fresh) ? '该订单已制证，请勿重复提交' : '该订单当前不能由工作人员制证'
          )
        }
      },
      async (fresh) => prepareCsrCertificateForOrder(await issueFactsOf(fresh), csrPem),
      (fresh, trx, issued) =>
        transitionOrder(fresh, 'make', trx, {
          data: { serial: issued.serial, operator: staff.displayName },
        }),
      staffActor(staff)
    )
  )
  await order.refresh()
  if (to === 'awaiting_pickup') {
    await smsToHandler(
      order,
      `您的证书（订单号 ${order.orderNo}）已制作完成，请取证人携带身份证原件到 ${order.delivery?.pickupPointName ?? '取证地址'} 领取。`,
      'orders.fulfilment.notice'
    )
  }
  return certificate
}

/**
 * 自助制证: the applicant's own uKey CSR for an approved self-service order
 * (every refusal is shown at the CSR field).
 */
export async function selfMake(order: Order, csrPem: string) {
  const { certificate } = await caRefusalsAsRuleErrors(
    () =>
      issueOnce(
        order.id,
        (fresh) => {
          if (fresh.status !== 'approved' || fresh.deliveryMethod !== 'self_make') {
            // already made: said on top of the page (the form is no longer shown there)
            if (fresh.status === 'completed' && fresh.deliveryMethod === 'self_make')
              throw new OrderError('该订单已制证，请勿重复提交')
            throw new OrderError('该订单当前不能制证', 'csr')
          }
        },
        async (fresh) => prepareCsrCertificateForOrder(await issueFactsOf(fresh), csrPem),
        (fresh, trx, issued) =>
          transitionOrder(fresh, 'self_make', trx, { data: { serial: issued.serial } })
      ),
    'csr'
  )
  await order.refresh()
  return certificate
}

export async function shipOrder(
  order: Order,
  input: { courier: string; trackingNo: string },
  staff: Reviewer
) {
  await withLockedOrder(order.id, (fresh, trx) =>
    transitionOrder(fresh, 'ship', trx, {
      changes: { courier: input.courier, trackingNo: input.trackingNo },
      data: { courier: input.courier, trackingNo: input.trackingNo, operator: staff.displayName },
    })
  )
  await order.refresh()
  await smsToHandler(
    order,
    `您的证书（订单号 ${order.orderNo}）已发货：${input.courier} ${input.trackingNo}，收到后请登录系统签收。`,
    'orders.fulfilment.notice'
  )
}

/**
 * 签收 by the applicant.
 */
export async function confirmReceipt(order: Order) {
  await withLockedOrder(order.id, (fresh, trx) => transitionOrder(fresh, 'receive', trx))
  await order.refresh()
}

/**
 * 领取: the pickup person's ID, as shown at the counter, must be the one
 * given in the order.
 */
export async function handOver(
  order: Order,
  input: { shownIdNumber: string; handoverNote?: string | null },
  staff: Reviewer
) {
  if (order.status !== 'awaiting_pickup') throw new OrderError('只有未领取的订单可以领取')
  const expected = (order.delivery?.pickupIdNumber ?? '').toUpperCase()
  if (!expected || input.shownIdNumber.toUpperCase() !== expected) {
    await audit.record({
      action: 'orders.order.hand_over_refused',
      subjectType: 'order',
      subjectId: order.orderNo,
      data: { operator: staff.displayName },
      actor: staffActor(staff),
    })
    throw new OrderError('取证人身份证号与订单登记的不一致，不能交付', 'shown_id_number')
  }
  await withLockedOrder(order.id, (fresh, trx) =>
    transitionOrder(fresh, 'hand_over', trx, {
      changes: { handoverNote: input.handoverNote ?? null },
      data: { operator: staff.displayName, pickupName: order.delivery?.pickupName },
    })
  )
  await order.refresh()
}
